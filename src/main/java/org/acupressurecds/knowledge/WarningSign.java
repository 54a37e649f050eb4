package org.acupressurecds.knowledge;

/** A sign that should stop mat use, and what the patient does then: printed with every plan. */
public record WarningSign(String sign, String action, String reason) implements Explained {
}
