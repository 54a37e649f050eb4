package org.acupressurecds.knowledge;

/** One row of the personalised 6-week protocol; order sorts the rows; its session length in words and in minutes. */
@Meaning("One row of the personalised 6-week protocol. Concluded by `protocol.drl`.")
public record ProtocolWeek(
        @Meaning(value = "sorts the rows", values = "a whole number")
        int order,
        @Meaning("which weeks, e.g. \"Week 1\"")
        String weeks,
        @Meaning("how long a session lasts, in words that begin with its minutes, e.g. \"15-20 min\"")
        String sessionDuration,
        @Meaning(value = "the shortest session, in minutes (the first number of sessionDuration)", values = "a whole number")
        int minMinutes,
        @Meaning(value = "the longest session, in minutes (the last number of its range)", values = "a whole number")
        int maxMinutes,
        @Meaning("how often")
        String frequency,
        @Meaning("the positions of those weeks")
        String positions,
        @Meaning("what those weeks aim at")
        String focus,
        String reason) implements Explained {
}
