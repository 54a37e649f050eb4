package org.acupressurecds.knowledge;

/** The response-matrix row for the patient's sciatica type; its stars follow from the level. */
@Meaning("The response-matrix row for the sciatica type. Concluded by `response-matrix.drl` (`new "
        + "ExpectedResponse( ResponseLevel.GOOD, \"...\" )`).")
public record ExpectedResponse(
        @Meaning(value = "follows from the level: not given by the rule", values = "`1` to `5`")
        int stars,
        @Meaning("the expected response to the mat")
        ResponseLevel level,
        String reason) implements Explained {

    public ExpectedResponse {
        if (stars != level.stars()) {
            throw new IllegalArgumentException(level + " is " + level.stars() + " stars, not " + stars);
        }
    }

    public ExpectedResponse(ResponseLevel level, String reason) {
        this(level.stars(), level, reason);
    }
}
