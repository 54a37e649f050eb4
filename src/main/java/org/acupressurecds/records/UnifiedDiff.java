package org.acupressurecds.records;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (diff -u style, 3 lines of context), for the rule-set events' record of an edit. */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** Empty when the texts are equal; before or after null for a file added or removed. */
    static String of(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.equals(b)) {
            return "";
        }
        List<String[]> ops = edits(a, b); // {" "|"-"|"+", line}
        StringBuilder out = new StringBuilder()
                .append("--- ").append(before == null ? "/dev/null" : "a/" + name).append('\n')
                .append("+++ ").append(after == null ? "/dev/null" : "b/" + name).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0].equals(" ")) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end)[0].equals(" ") ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
            int aLine = 1;
            int bLine = 1;
            for (int k = 0; k < start; k++) {
                aLine += ops.get(k)[0].equals("+") ? 0 : 1;
                bLine += ops.get(k)[0].equals("-") ? 0 : 1;
            }
            int aCount = 0;
            int bCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int k = start; k < end; k++) {
                String op = ops.get(k)[0];
                aCount += op.equals("+") ? 0 : 1;
                bCount += op.equals("-") ? 0 : 1;
                hunk.append(op).append(ops.get(k)[1]).append('\n');
            }
            out.append("@@ -").append(aCount == 0 ? aLine - 1 : aLine).append(',').append(aCount)
                    .append(" +").append(bCount == 0 ? bLine - 1 : bLine).append(',').append(bCount).append(" @@\n")
                    .append(hunk);
            i = end;
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    /** The shortest edit, by longest common subsequence: files of a few hundred lines. */
    private static List<String[]> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new String[] {" ", a.get(i++)});
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new String[] {"-", a.get(i++)}); // removals first, as diff -u shows them
            } else {
                ops.add(new String[] {"+", b.get(j++)});
            }
        }
        return ops;
    }
}
