package org.acupressurecds.engine;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of a code in the code systems the table uses, so a typo fails at load with its line rather than never
 * matching a patient's record. SNOMED CT identifiers also carry a Verhoeff check digit and a concept partition.
 */
final class CodeFormat {

    static final String SNOMED = CodeSystems.SNOMED;

    private static final Map<String, Pattern> SHAPES = Map.of(
            CodeSystems.ICD10CM, Pattern.compile("[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?"),
            CodeSystems.ICD10, Pattern.compile("[A-Z][0-9]{2}(\\.[0-9]{1,2})?"),
            CodeSystems.CPT, Pattern.compile("[0-9]{4}[0-9FTU]"),
            CodeSystems.ICD10PCS, Pattern.compile("[0-9A-HJ-NP-Z]{7}"),
            SNOMED, Pattern.compile("[1-9][0-9]{5,17}"));

    private static final Map<String, String> EXAMPLES = Map.of(
            CodeSystems.ICD10CM, "M54.31",
            CodeSystems.ICD10, "M54.3",
            CodeSystems.CPT, "63047",
            CodeSystems.ICD10PCS, "0SB20ZZ",
            SNOMED, "23056005");

    /** The shapes of a family's stem: a category (N39), or a category and the start of its subcategory (N39.4). */
    private static final Map<String, Pattern> STEMS = Map.of(
            CodeSystems.ICD10CM, Pattern.compile("[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,3})?"),
            CodeSystems.ICD10, Pattern.compile("[A-Z][0-9]{2}(\\.[0-9])?"),
            CodeSystems.ICD10PCS, Pattern.compile("[0-9A-HJ-NP-Z]{3,6}"));

    private CodeFormat() {
    }

    /**
     * Throws where a family cannot be one: only ICD-10, ICD-10-CM and ICD-10-PCS codes share their stem's meaning
     * (SNOMED CT and CPT codes say nothing by their digits), and the stem must begin a code of the system.
     */
    static void checkFamily(String system, String family, String stem) {
        Pattern shape = STEMS.get(system);
        if (shape == null) {
            throw new IllegalArgumentException("'" + family + "' is a family, and only ICD-10, ICD-10-CM and ICD-10-PCS "
                    + "codes can be listed as families (their codes share their stem's meaning); list the codes of "
                    + system + " one by one");
        }
        if (!shape.matcher(stem).matches()) {
            throw new IllegalArgumentException("'" + family + "' is not a family of " + system + ": '" + stem
                    + "' does not begin a code of it (a family looks like N39.4* or R33.*)");
        }
    }

    /** Throws where the code cannot be one of its system's; codes of other systems are taken as they are. */
    static void check(String system, String code) {
        Pattern shape = SHAPES.get(system);
        if (shape == null) {
            return;
        }
        if (!shape.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + code + "' is not a code of " + system + " (a code looks like "
                    + EXAMPLES.get(system) + ")");
        }
        if (system.equals(SNOMED)) {
            if (!verhoeffValid(code)) {
                throw new IllegalArgumentException("'" + code + "' is not a SNOMED CT identifier: its check digit is wrong");
            }
            String partition = code.substring(code.length() - 3, code.length() - 1);
            if (!partition.equals("00") && !partition.equals("10")) {
                throw new IllegalArgumentException("'" + code + "' is not a SNOMED CT concept identifier (partition "
                        + partition + ", a concept's is 00 or 10)");
            }
        }
    }

    private static final int[][] D = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] P = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    /** The Verhoeff check SNOMED CT identifiers carry in their last digit. */
    static boolean verhoeffValid(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            c = D[c][P[i % 8][digit]];
        }
        return c == 0;
    }
}
