package org.acupressurecds.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Rows of values, one per factor, until every value of every factor has met every value of every other factor in a
 * row that counted (a covering array of strength 2, built greedily, one row at a time). Whether a row counts is the
 * caller's to say: for the safety gate, a row counts when the patient without red flags would get a plan, so that a
 * red flag is what stands between them. A pair that never meets in a row that counts is given up after a few tries
 * (spinal stenosis without clearance never gets a plan). The seed is fixed: the same answers give the same rows.
 */
final class PairwiseRows {

    /** Rows built per row taken: the one covering the most open pairs is taken. */
    private static final int CANDIDATES = 6;
    /** Rows a pair is tried in before it is given up as one that never counts. */
    private static final int TRIES = 3;

    private final int[] sizes;
    private final boolean[][][] covered;
    private final byte[][][] tries;
    private final Random random = new Random(2020);
    private final int[] from = {0, 1};
    private int[] last;

    PairwiseRows(int[] sizes) {
        this.sizes = sizes.clone();
        int k = sizes.length;
        covered = new boolean[k][k][];
        tries = new byte[k][k][];
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                covered[i][j] = new boolean[sizes[i] * sizes[j]];
                tries[i][j] = new byte[sizes[i] * sizes[j]];
            }
        }
    }

    /** The next row (an index into each factor's values), or null when no pair is open. */
    int[] next() {
        int[] pair = nextOpen();
        if (pair == null) {
            return null;
        }
        int[] best = null;
        int bestScore = -1;
        for (int c = 0; c < CANDIDATES; c++) {
            int[] row = candidate(pair);
            int score = open(row);
            if (score > bestScore) {
                best = row;
                bestScore = score;
            }
        }
        last = best;
        return best.clone();
    }

    /** Whether the row last given counted: its pairs are covered; if not, each open one of them was tried once more. */
    void counted(boolean counted) {
        for (int i = 0; i < last.length; i++) {
            for (int j = i + 1; j < last.length; j++) {
                int cell = last[i] * sizes[j] + last[j];
                if (counted) {
                    covered[i][j][cell] = true;
                } else if (!covered[i][j][cell]) {
                    tries[i][j][cell]++;
                }
            }
        }
    }

    private boolean isOpen(int i, int j, int cell) {
        return !covered[i][j][cell] && tries[i][j][cell] < TRIES;
    }

    /** The first open pair at or after the last one found: factor i, j and their values. */
    private int[] nextOpen() {
        int k = sizes.length;
        for (int i = from[0]; i < k; i++) {
            for (int j = i == from[0] ? from[1] : i + 1; j < k; j++) {
                for (int cell = 0; cell < covered[i][j].length; cell++) {
                    if (isOpen(i, j, cell)) {
                        from[0] = i;
                        from[1] = j;
                        return new int[] {i, j, cell / sizes[j], cell % sizes[j]};
                    }
                }
            }
        }
        return null;
    }

    /** A row through the pair, each other factor taking the value that meets the most open pairs so far. */
    private int[] candidate(int[] pair) {
        int k = sizes.length;
        int[] row = new int[k];
        Arrays.fill(row, -1);
        row[pair[0]] = pair[2];
        row[pair[1]] = pair[3];
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            if (row[f] < 0) {
                order.add(f);
            }
        }
        Collections.shuffle(order, random);
        for (int f : order) {
            int bestValue = random.nextInt(sizes[f]);
            int bestGain = 0;
            for (int v = 0; v < sizes[f]; v++) {
                int gain = 0;
                for (int g = 0; g < k; g++) {
                    if (g != f && row[g] >= 0 && (f < g ? isOpen(f, g, v * sizes[g] + row[g])
                            : isOpen(g, f, row[g] * sizes[f] + v))) {
                        gain++;
                    }
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    bestValue = v;
                }
            }
            row[f] = bestValue;
        }
        return row;
    }

    private int open(int[] row) {
        int n = 0;
        for (int i = 0; i < row.length; i++) {
            for (int j = i + 1; j < row.length; j++) {
                n += isOpen(i, j, row[i] * sizes[j] + row[j]) ? 1 : 0;
            }
        }
        return n;
    }
}
