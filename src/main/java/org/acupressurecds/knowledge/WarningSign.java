package org.acupressurecds.knowledge;

/** A sign that should stop mat use, and what the patient does then: printed with every plan. */
@Meaning("A sign on which the patient stops and seeks care, printed with every plan. Concluded by "
        + "`warning-signs.drl`.")
public record WarningSign(
        @Meaning("the sign")
        String sign,
        @Meaning("what the patient does then")
        String action,
        String reason) implements Explained {
}
