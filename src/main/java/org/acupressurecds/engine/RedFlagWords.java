package org.acupressurecds.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.acupressurecds.knowledge.RedFlag;

/**
 * The phrases that name a red flag in words ({@code rules/codes/red-flag-words.csv}): a condition whose code the table
 * does not read, but whose text or display names one, is a red flag mentioned, never silence. A phrase matches whole
 * words, whatever the case and punctuation: "saddle" is in "Saddle-area numbness", not in "saddlebag".
 */
final class RedFlagWords {

    static final String HEADER = "phrase,red_flag";
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Map<String, RedFlag> phrases;

    private RedFlagWords(Map<String, RedFlag> phrases) {
        this.phrases = Map.copyOf(phrases);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Each phrase the text holds, with the red flag it names; none for a null text. */
    Map<String, RedFlag> namedIn(String text) {
        Map<String, RedFlag> named = new LinkedHashMap<>();
        if (text == null) {
            return named;
        }
        String words = " " + words(text) + " ";
        phrases.forEach((phrase, flag) -> {
            if (words.contains(" " + phrase + " ")) {
                named.put(phrase, flag);
            }
        });
        return named;
    }

    /** Lower case, one space between words, no punctuation. */
    private static String words(String text) {
        return NOT_A_LETTER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    static final class Builder {
        private final Map<String, RedFlag> phrases = new LinkedHashMap<>();

        void add(List<String> cells) {
            if (cells.size() != 2) {
                throw new IllegalArgumentException("expected 2 columns (" + HEADER + "), found " + cells.size());
            }
            String phrase = words(cells.get(0));
            if (phrase.isEmpty()) {
                throw new IllegalArgumentException("the phrase is required");
            }
            RedFlag flag;
            try {
                flag = RedFlag.valueOf(cells.get(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("red_flag '" + cells.get(1) + "' is not one of "
                        + Arrays.toString(RedFlag.values()));
            }
            if (phrases.putIfAbsent(phrase, flag) != null) {
                throw new IllegalArgumentException("the phrase '" + phrase + "' is listed twice");
            }
        }

        RedFlagWords build() {
            return new RedFlagWords(phrases);
        }
    }
}
