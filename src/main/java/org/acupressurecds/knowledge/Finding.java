package org.acupressurecds.knowledge;

/** A clinical finding and the verdict it calls for; the most severe finding decides. */
public record Finding(Verdict verdict, String reason, String action) implements Explained {
}
