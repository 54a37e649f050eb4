package org.acupressurecds.ruleset;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A unified diff of two texts (diff -u style, 3 lines of context), for the rule-set events' record of an edit: made by
 * java-diff-utils, with diff -u's file headers for a file added or removed.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final Pattern EMPTY_RANGE = Pattern.compile("([-+])(\\d+),0\\b");

    private UnifiedDiff() {
    }

    /** Empty when the texts are equal; before or after null for a file added or removed. */
    static String of(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.equals(b)) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + name,
                after == null ? "/dev/null" : "b/" + name, a, DiffUtils.diff(a, b), CONTEXT);
        // diff -u numbers an empty range from the line before it (-0,0 for a file added); java-diff-utils from 1.
        return diff.stream().map(line -> line.startsWith("@@") ? EMPTY_RANGE.matcher(line).replaceAll(
                m -> m.group(1) + (Integer.parseInt(m.group(2)) - 1) + ",0") : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
