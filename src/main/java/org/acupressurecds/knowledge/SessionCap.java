package org.acupressurecds.knowledge;

/**
 * A limit on how long any session may last: every position's duration and every protocol week's session in the
 * answer, the page and the card are cut to it (the smallest cap wins). Rules conclude it, e.g. for a local policy.
 */
@Meaning("A limit on how long any session lasts: every position's and protocol week's minutes are cut to it (the "
        + "smallest wins). No bundled rule concludes it; a local policy may.")
public record SessionCap(
        @Meaning(value = "the longest a session may last, in minutes", values = "a whole number from 1")
        int maxMinutes,
        String reason) implements Explained {

    public SessionCap {
        if (maxMinutes < 1) {
            throw new IllegalArgumentException("a session cap is at least 1 minute, not " + maxMinutes);
        }
    }
}
