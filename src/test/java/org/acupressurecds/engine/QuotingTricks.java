package org.acupressurecds.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Rule files that try to run a command (touch a canary file) by making a hand-made lexer read code as text: text
 * blocks, char literals, comments, escapes, strings in strings, metadata that Drools evaluates, unicode escapes. A
 * rule set that holds one must be refused wherever rules are checked, and the canary must never appear.
 */
public final class QuotingTricks {

    /** One trick: a name for the test report, and the rule file. */
    public record Trick(String name, String drl) {
        @Override
        public String toString() {
            return name;
        }
    }

    private QuotingTricks() {
    }

    /** Each trick as a rule file named trick.drl would hold it, touching the canary if it ever runs. */
    public static List<Trick> all(Path canary) {
        String touch = "Runtime.getRuntime().exec(new String[]{\"touch\", \"" + canary.toAbsolutePath() + "\"});";
        return List.of(
                new Trick("text blocks holding a lone quote", rule("""
                            String a = \"""
                        x"y\""";
                            %s
                            String b = \"""
                        x"y\""";
                        """.formatted(touch))),
                new Trick("char literals holding a quote", rule("""
                            char a = '"';
                            %s
                            char b = '"';
                        """.formatted(touch))),
                new Trick("line comments holding a quote", rule("""
                            // "
                            %s
                            // "
                        """.formatted(touch))),
                new Trick("block comments holding a quote", rule("""
                            /* " */ %s /* " */
                        """.formatted(touch))),
                new Trick("escaped quotes and backslashes", rule("""
                            String a = "\\"\\\\";
                            %s
                            String b = "\\\\\\"";
                        """.formatted(touch))),
                new Trick("strings holding comment markers and strings", rule("""
                            String a = "/* \\" // ";
                            %s
                            String b = " \\" */";
                        """.formatted(touch))),
                new Trick("a string in a string in metadata", """
                        package rules;

                        import org.acupressurecds.knowledge.*;

                        rule "A rule whose metadata Drools would evaluate"
                            @source(java.lang.Runtime.getRuntime().exec(new String[]{"touch", "%s"}))
                        when
                            PatientFacts()
                        then
                            insertLogical( new PlanPermitted( "x" ) );
                        end
                        """.formatted(canary.toAbsolutePath())),
                new Trick("a text block in a function", """
                        package rules;

                        import org.acupressurecds.knowledge.*;

                        function String wording() {
                            String a = \"""
                        x"y\""";
                            %s
                            return \"""
                        x"y\""";
                        }
                        """.formatted(touch)),
                new Trick("a unicode escape ending a comment", rule("""
                            // \\u000a %s
                        """.formatted(touch))));
    }

    private static String rule(String consequence) {
        return """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "A rule that tries to run a command"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                when
                    PatientFacts()
                then
                %s    insertLogical( new PlanPermitted( "x" ) );
                end
                """.formatted(consequence);
    }
}
