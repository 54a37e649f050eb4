package org.acupressurecds.knowledge;

/** The response-matrix row for the patient's sciatica type. */
public record ExpectedResponse(int stars, ResponseLevel level, String reason) implements Explained {
}
