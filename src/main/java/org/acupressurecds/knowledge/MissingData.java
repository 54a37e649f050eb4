package org.acupressurecds.knowledge;

/** A fact that was not given, and the check that therefore did not run. */
public record MissingData(String field, String reason) implements Explained {
}
