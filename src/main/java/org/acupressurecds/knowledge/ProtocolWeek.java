package org.acupressurecds.knowledge;

/** One row of the personalised 6-week protocol; order sorts the rows. */
@Meaning("One row of the personalised 6-week protocol. Concluded by `protocol.drl`.")
public record ProtocolWeek(
        @Meaning(value = "sorts the rows", values = "a whole number")
        int order,
        @Meaning("which weeks, e.g. \"Week 1\"")
        String weeks,
        @Meaning("how long a session lasts")
        String sessionDuration,
        @Meaning("how often")
        String frequency,
        @Meaning("the positions of those weeks")
        String positions,
        @Meaning("what those weeks aim at")
        String focus,
        String reason) implements Explained {
}
