package org.acupressurecds.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a caller's own text an error may repeat: a short excerpt, on one line, with anything that looks like a
 * token or identifier masked. Errors name fields; they never echo what was sent.
 */
public final class Excerpt {

    static final int MAX = 40;
    /** A long run of token characters with a digit in it: an access token, a key, an identifier. */
    private static final Pattern TOKEN_LIKE = Pattern.compile("(?=[A-Za-z0-9+/=_.~-]*[0-9])[A-Za-z0-9+/=_.~-]{16,}");
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

    private Excerpt() {
    }

    public static String of(String text) {
        return of(text, MAX);
    }

    /** The same for a longer text that quotes the caller, such as a JSON parser's message. */
    public static String of(String text, int max) {
        if (text == null) {
            return null;
        }
        String head = text.length() > 4 * max ? text.substring(0, 4 * max) : text;
        String oneLine = UNPRINTABLE.matcher(head).replaceAll("?");
        String masked = TOKEN_LIKE.matcher(oneLine).replaceAll(m -> Matcher.quoteReplacement(m.group().substring(0, 4) + "…"));
        return masked.length() <= max && head.length() == text.length() ? masked
                : masked.substring(0, Math.min(max, masked.length())) + "…";
    }
}
