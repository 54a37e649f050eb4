package org.acupressurecds.knowledge;

/** One row of the personalised 6-week protocol; order sorts the rows. */
public record ProtocolWeek(
        int order,
        String weeks,
        String sessionDuration,
        String frequency,
        String positions,
        String focus,
        String reason) implements Explained {
}
