package org.acupressurecds.knowledge;

/** The verdict that decides, with what to do now. Same order as Finding. */
public record Decision(Verdict verdict, ActionTiming timing, String action, String reason) implements Explained {
}
