package org.acupressurecds.knowledge;

/** Which leg the sciatica affects. */
public enum Laterality {
    LEFT,
    RIGHT,
    BILATERAL
}
