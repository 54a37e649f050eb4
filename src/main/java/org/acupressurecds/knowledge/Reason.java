package org.acupressurecds.knowledge;

/** Why part of an answer was given: the rule that concluded it, in a clinician's words, and the guide section behind it. */
public record Reason(String rule, String text, String source) {
}
