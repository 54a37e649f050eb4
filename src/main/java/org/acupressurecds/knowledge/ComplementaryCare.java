package org.acupressurecds.knowledge;

/** A treatment to combine with the mat. */
public record ComplementaryCare(String treatment, String how, String reason) implements Explained {
}
