package org.acupressurecds.engine;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The name an author most likely meant: for every "did you mean" in rule, fact and scenario problems. */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The known name closest to the misspelt word, if one is close enough to be a slip. */
    public static Optional<String> closest(String word, Collection<String> known) {
        if (word == null) {
            return Optional.empty();
        }
        return known.stream().filter(k -> distance(k.toLowerCase(), word.toLowerCase()) <= Math.max(1, word.length() / 4))
                .min(Comparator.comparingInt((String k) -> distance(k, word)).thenComparing(k -> k));
    }

    /** Edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
