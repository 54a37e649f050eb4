package org.acupressurecds.engine;

/**
 * One thing wrong with the rules, where the author can find it, and of what kind. Line and column are null where
 * nothing tells them.
 */
public record RuleProblem(Kind kind, String file, Integer line, Integer column, String message) {

    /** What a problem is about: what an answer counts and a headline says, without reading its message. */
    public enum Kind {
        /** The rules folder cannot be read, or holds no rule file. */
        RULES_FOLDER("the rules folder cannot be read"),
        /** A rule says what rules may not say: a name, a call or a construct outside the fact model. */
        RULE_LANGUAGE("a rule says what rules may not say"),
        /** A rule file does not parse or compile. */
        COMPILE("the rules do not compile"),
        /** A row or the header of a code table. */
        CODE_TABLE("a code table cannot be read"),
        /** The local policies (policies.yaml). */
        LOCAL_POLICY("the local policies cannot be read"),
        /** The conventions: a rule's citation, the types and red flags every rule set handles. */
        LINT("a rule breaks the conventions"),
        /** A scenario file that does not read. */
        SCENARIO_FILE("a scenario file cannot be read"),
        /** A scenario that does not hold. */
        SCENARIO("a scenario does not hold"),
        /** A safety invariant the rules break. */
        SAFETY_INVARIANT("the rules break a safety invariant"),
        /** The check itself: it failed, ran out of time or memory. */
        CHECK("the check could not finish");

        private final String headline;

        Kind(String headline) {
            this.headline = headline;
        }

        /** What is wrong, in a few words, for a headline over the problems of this kind. */
        public String headline() {
            return headline;
        }
    }

    public boolean is(Kind other) {
        return kind == other;
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (line != null) {
            where.append(':').append(line);
            if (column != null) {
                where.append(':').append(column);
            }
        }
        return where + ": " + message;
    }
}
