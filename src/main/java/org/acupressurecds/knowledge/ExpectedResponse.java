package org.acupressurecds.knowledge;

/** The response-matrix row for the patient's sciatica type; its stars follow from the level. */
public record ExpectedResponse(int stars, ResponseLevel level, String reason) implements Explained {

    public ExpectedResponse {
        if (stars != level.stars()) {
            throw new IllegalArgumentException(level + " is " + level.stars() + " stars, not " + stars);
        }
    }

    public ExpectedResponse(ResponseLevel level, String reason) {
        this(level.stars(), level, reason);
    }
}
