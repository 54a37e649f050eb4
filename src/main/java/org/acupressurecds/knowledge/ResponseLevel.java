package org.acupressurecds.knowledge;

/** The response levels of the guide's matrix. */
public enum ResponseLevel {
    EXCELLENT,
    GOOD,
    MODERATE,
    LIMITED
}
