package org.acupressurecds.knowledge;

/** Present only when the verdict allows a mat plan; every plan rule requires it. */
@Meaning("Present only when the verdict allows a mat plan; every plan rule requires it. Concluded by "
        + "`verdict.drl` only.")
public record PlanPermitted(
        String reason) implements Explained {
}
