package org.acupressurecds.knowledge;

/** Signs that stop mat use: cauda equina syndrome and its signs, and signs of nerve root compression. */
public enum RedFlag {
    CAUDA_EQUINA_SYNDROME,
    BLADDER_DYSFUNCTION,
    BOWEL_DYSFUNCTION,
    SADDLE_ANESTHESIA,
    PROGRESSIVE_LEG_WEAKNESS,
    PROGRESSIVE_NUMBNESS,
    FOOT_DROP
}
