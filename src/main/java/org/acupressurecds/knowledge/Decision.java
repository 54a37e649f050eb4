package org.acupressurecds.knowledge;

/** The verdict that decides, with what to do now. */
public record Decision(Verdict verdict, String action, String reason) implements Explained {
}
