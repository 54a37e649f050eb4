package org.acupressurecds.knowledge;

/** A clinical finding and the verdict it calls for; the most severe finding decides. Same order as Decision. */
public record Finding(Verdict verdict, ActionTiming timing, String action, String reason) implements Explained {
}
