package org.acupressurecds.knowledge;

/** The patient is in an acute severe flare now: the plan stays gentle and short until it settles. */
@Meaning("Today's pain is an acute severe flare: the plan stays gentle and short until it settles. Concluded by "
        + "`contraindications.drl`.")
public record AcuteFlare(
        String reason) implements Explained {
}
