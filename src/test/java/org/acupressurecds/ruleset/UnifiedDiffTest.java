package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rule-set events' diffs read as diff -u prints them. */
class UnifiedDiffTest {

    @Test
    void aChangedLineIsOneHunkWithThreeLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh";
        String after = "a\nb\nc\nd\nE\nf\ng\nh";

        assertEquals("""
                --- a/x.drl
                +++ b/x.drl
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """, UnifiedDiff.of("x.drl", before, after));
    }

    @Test
    void anAddedFileComesFromNothingAndEqualTextsHaveNoDiff() {
        assertEquals("--- /dev/null\n+++ b/new.drl\n@@ -0,0 +1,2 @@\n+rule\n+end\n", UnifiedDiff.of("new.drl", null, "rule\nend"));
        assertEquals("", UnifiedDiff.of("same.drl", "x\ny", "x\ny"));
    }

    @Test
    void changesFarApartAreSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = before.toString().replace("\n2\n", "\ntwo\n").replace("\n19\n", "\nnineteen\n");

        String diff = UnifiedDiff.of("n.txt", before.toString(), after);

        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertEquals(true, diff.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"), diff);
    }
}
