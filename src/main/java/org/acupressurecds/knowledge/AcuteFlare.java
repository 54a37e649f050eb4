package org.acupressurecds.knowledge;

/** The patient is in an acute severe flare now: the plan stays gentle and short until it settles. */
public record AcuteFlare(String reason) implements Explained {
}
