package org.acupressurecds.knowledge;

/** Signs that stop mat use: cauda equina signs and signs of nerve root compression. */
public enum RedFlag {
    BLADDER_DYSFUNCTION,
    BOWEL_DYSFUNCTION,
    SADDLE_ANESTHESIA,
    PROGRESSIVE_LEG_WEAKNESS,
    PROGRESSIVE_NUMBNESS,
    FOOT_DROP
}
