package org.acupressurecds.knowledge;

/** The sciatica types of the guide's response matrix, plus UNKNOWN when the type is not yet established. */
public enum SciaticaType {
    PIRIFORMIS_SYNDROME,
    LUMBAR_PARASPINAL_TENSION,
    SACROILIAC_JOINT_DYSFUNCTION,
    DISC_HERNIATION,
    SPINAL_STENOSIS,
    UNKNOWN
}
