package org.acupressurecds.knowledge;

/** The pain score the rules take as today's pain: recent enough to count. */
@Meaning("The pain score recent enough to count as today's pain. Concluded by `contraindications.drl`.")
public record TodaysPain(
        @Meaning(value = "the pain score", values = "`0` to `10`")
        int score) {
}
