package org.acupressurecds.knowledge;

/** Present only when the verdict allows a mat plan; every plan rule requires it. */
public record PlanPermitted(String reason) implements Explained {
}
