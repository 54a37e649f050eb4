package org.acupressurecds.knowledge;

/** The response levels of the guide's matrix, with the guide's stars. */
public enum ResponseLevel {
    EXCELLENT(5),
    GOOD(4),
    MODERATE(3),
    LIMITED(2);

    private final int stars;

    ResponseLevel(int stars) {
        this.stars = stars;
    }

    public int stars() {
        return stars;
    }
}
