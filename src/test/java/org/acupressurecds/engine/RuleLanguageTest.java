package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules are code from people: a rule file may say only what the fact model's conclusions need. Each draft here tries
 * to reach the host, or to run away, another way; each is refused with file and line, before anything is compiled.
 */
class RuleLanguageTest {

    private final RuleLanguage language = new RuleLanguage();

    @Test
    void theBundledRulesSayOnlyWhatIsAllowed() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> drl = Files.list(Path.of("rules"))) {
            for (Path p : drl.filter(p -> p.toString().endsWith(".drl")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertEquals(List.of(), language.check(files, "rules").problems());
    }

    static Stream<QuotingTricks.Trick> tricks() {
        return QuotingTricks.all(Path.of("canary")).stream();
    }

    /** Whatever the quoting, the file is parsed as Drools and Java parse it, and the command is found and refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void aCommandHiddenByQuotingIsRefusedAndNeverRuns(QuotingTricks.Trick trick, @TempDir Path folder)
            throws IOException {
        Path canary = folder.resolve("canary");
        QuotingTricks.Trick withCanary = QuotingTricks.all(canary).stream()
                .filter(t -> t.name().equals(trick.name())).findFirst().orElseThrow();
        Files.writeString(folder.resolve("trick.drl"), withCanary.drl());

        RuleSetException refused = assertThrows(RuleSetException.class, () -> new RuleSetLoader().load(folder));

        assertTrue(refused.problems().stream().allMatch(p -> p.file().endsWith("trick.drl") && p.line() != null),
                refused.problems()::toString);
        assertFalse(Files.exists(canary), "the command ran");
    }

    /** Each consequence or condition, placed in a rule that is otherwise fine; line 8 or 10 is its line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Runtime in a consequence           | then | Runtime.getRuntime().exec("id");                | 'Runtime' is not something rules may use
            a fully qualified Runtime          | then | java.lang.Runtime.getRuntime().exec("id");      | 'java' is not something rules may use
            System.exit                        | then | System.exit(0);                                 | 'System' is not something rules may use
            Thread.sleep                       | then | Thread.sleep(30000);                            | 'Thread' is not something rules may use
            a ProcessBuilder                   | then | new ProcessBuilder("id").start();               | 'new' is used only for the fact insertLogical concludes
            reflection through getClass        | then | insertLogical( new PlanPermitted( "x".getClass().getName() ) ); | '.getClass(...)' is not something rules may call
            reflection through a class literal | then | insertLogical( new PlanPermitted( String.class.getName() ) );   | classes and .class are not used
            a file                             | then | new java.io.File("/etc/passwd").delete();       | 'new' is used only for the fact insertLogical concludes
            a regular expression               | then | insertLogical( new PlanPermitted( "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+b") ? "x" : "y" ) ); | '.matches(...)' is not something rules may call
            a string that fills the heap       | then | insertLogical( new PlanPermitted( "x".repeat(1000000000) ) ); | '.repeat(...)' is not something rules may call
            a format string                    | then | insertLogical( new PlanPermitted( String.format("%1000000000s", "") ) ); | 'String' is not something rules may use
            an endless loop                    | then | while (true) { }                                | loops are not allowed
            a for loop                         | then | for (;;) { }                                    | loops are not allowed
            a local variable                   | then | String s = "x";                                 | local variables are not used
            an if                              | then | if (true) { insertLogical( new PlanPermitted( "x" ) ); } | 'if' is not used in a consequence
            a lambda                           | then | insertLogical( new PlanPermitted( java.util.function.Supplier.class.getName() ) ); | classes and .class are not used
            a method reference                 | then | List.of(1).forEach(System::exit);               | method references are not used
            the engine's handle                | then | drools.getKieRuntime().halt();                  | 'drools' is the engine's handle
            the context handle                 | then | kcontext.getKieRuntime().halt();                | 'kcontext' is the engine's handle
            the clock                          | then | insertLogical( new PlanPermitted( "" + java.time.LocalDate.now() ) ); | 'java' is not something rules may use
            an unknown call                    | then | exec("id");                                     | 'exec(...)' is not something rules may call
            insert instead of insertLogical    | then | insert( new PlanPermitted( "x" ) );             | 'insert' is not used in these rules
            eval in a condition                | when | eval( System.getenv("HOME") != null )           | 'eval' is not used in these rules
            from in a condition                | when | String() from java.lang.System.getenv().keySet() | 'String' is not a fact rules match
            accumulate code                    | when | Number() from accumulate( PatientFacts(), init( Runtime r = Runtime.getRuntime(); ), action( ), result( 0 ) ) | 'Number' is not a fact rules match
            a regular expression in a condition | when | Finding( action matches "(a+)+b" )            | 'matches' is not used in conditions
            soundslike in a condition          | when | Finding( action soundslike "x" )                | 'soundslike' is not used in conditions
            arithmetic in a condition          | when | PatientFacts( painScore + 1 > 8 )               | '+' is not used in conditions
            a string in a condition            | when | Finding( action == "x" )                        | strings are not used in conditions
            a day of the month                 | when | PatientFacts( assessmentDate.getDayOfMonth() != 15 ) | 'getDayOfMonth(...)' is not something conditions may call on LocalDate
            the clock in a condition           | when | PatientFacts( assessmentDate.isBefore( java.time.LocalDate.now() ) ) | PatientFacts has no field java
            a static call in a condition       | when | PatientFacts( Math.max( 1, 2 ) > 0 )           | PatientFacts has no field Math
            a unicode escape                   | then | // \\u000a Runtime.getRuntime().exec("id");   | \\u escapes are not allowed
            """)
    void aDraftThatReachesTheHostIsRefusedAtItsLine(String attempt, String part, String code, String expected) {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;
                import java.util.List;

                rule "A draft that tries something"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                %s
                    PatientFacts()
                %s
                    insertLogical( new PlanPermitted( "x" ) );
                end
                """.formatted(part.equals("when") ? "when\n    " + code : "when",
                part.equals("then") ? "then\n    " + code : "then");
        List<RuleProblem> problems = language.check(Map.of("draft.drl", drl), "rules").problems();

        int line = part.equals("when") ? 9 : 11;
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("rules/draft.drl") && p.line() != null
                && p.line() == line && p.message().contains(expected.replace("\\\\", "\\"))), attempt + ": " + problems);
    }

    @Test
    void aTextBlockIsRefused() {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "A text block"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                when
                    PatientFacts()
                then
                    insertLogical( new PlanPermitted( \"""
                        x\""" ) );
                end
                """;
        List<RuleProblem> problems = language.check(Map.of("draft.drl", drl), "rules").problems();

        assertEquals(List.of(new RuleProblem(Kind.RULE_LANGUAGE, "rules/draft.drl", 10, null, "text blocks (\"\"\") are not used in rule "
                + "files: write a string in double quotes, joined with + where it is long")), problems);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            import of java.io                    | import java.io.*;                                            | import java.io.* is not allowed
            import of a java.util class not allowed | import java.util.Scanner;                               | import java.util.Scanner is not allowed
            a global                             | global java.util.List out;                                   | 'global' is not used
            a declared type                      | declare Evil end                                             | 'declare' is not used
            an imported function                 | import function java.lang.System.exit;                       | is not
            a function that recurses             | function int f(int x) { return f(x); }                       | functions may not call functions
            a function that calls a function     | function int g() { return h(); } function int h() { return 1; } | functions may not call functions
            a function with statements           | function String g() { String s = "x"; return s; }            | is one statement, return <expression>;
            a function on a host type            | function String g(java.io.File f) { return "x"; }            | functions take and return
            a query                              | query "everyone" PatientFacts() end                          | queries are not used
            metadata Drools would evaluate       | rule "x" @source(java.lang.System.exit(1)) when PatientFacts() then insertLogical( new PlanPermitted( "x" ) ); end | metadata is @source("plain text")
            a quote in metadata                  | rule "x" @source("a \\" b") when PatientFacts() then insertLogical( new PlanPermitted( "x" ) ); end | metadata is @source("plain text")
            a typed annotation                   | rule "x" @Propagation(IMMEDIATE) when PatientFacts() then insertLogical( new PlanPermitted( "x" ) ); end | metadata is @source("plain text")
            rule inheritance                     | rule "x" extends "y" @source("z") when PatientFacts() then insertLogical( new PlanPermitted( "x" ) ); end | 'extends' is not used
            a named consequence                  | rule "x" @source("z") when PatientFacts() do[more] then insertLogical( new PlanPermitted( "x" ) ); then[more] insertLogical( new PlanPermitted( "y" ) ); end | named consequences
            """)
    void aDraftThatBringsInOtherCodeIsRefused(String attempt, String declaration, String expected) {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;
                %s
                """.formatted(declaration);
        List<RuleProblem> problems = language.check(Map.of("draft.drl", drl), "rules").problems();

        assertTrue(problems.stream().anyMatch(p -> p.message().contains(expected) && p.line() != null && p.line() == 4),
                attempt + ": " + problems);
    }

    @Test
    void aMisspeltNameIsAnsweredWithTheNameMeant() {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "Misspelt"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                when
                    PatientFacts( sciaticaType == SciaticaType.PIRIFORMIS_SYNDROM, sedentryWork == true )
                then
                    insertLogicl( new PlanPermitted( "x" ) );
                end
                """;
        List<RuleProblem> problems = language.check(Map.of("draft.drl", drl), "rules").problems();

        assertEquals(List.of(
                new RuleProblem(Kind.RULE_LANGUAGE, "rules/draft.drl", 8, null,
                        "'SciaticaType.PIRIFORMIS_SYNDROM' is not a value of SciaticaType: did you mean PIRIFORMIS_SYNDROME?"),
                new RuleProblem(Kind.RULE_LANGUAGE, "rules/draft.drl", 10, null,
                        "'insertLogicl(...)' is not something rules may call: did you mean insertLogical?")),
                problems.stream().filter(p -> !p.message().contains("sedentryWork")).toList());
        assertTrue(problems.stream().anyMatch(p -> p.line() == 8 && p.message().startsWith(
                "PatientFacts has no field sedentryWork: did you mean sedentaryWork?")), problems::toString);
    }

    @Test
    void engineSteeringIsRefused() {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "Steers the engine"
                    salience 5
                when
                    $f : PatientFacts()
                then
                    update( $f );
                end
                """;
        List<RuleProblem> problems = language.check(Map.of("draft.drl", drl), "rules").problems();

        assertTrue(problems.stream().anyMatch(p -> p.line() == 6 && p.message().startsWith(
                "the attribute 'salience' is not used in these rules")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.line() == 10 && p.message().startsWith(
                "'update' is not used in these rules")), problems::toString);
    }

    @Test
    void ruleAttributesAreRefused() {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "Dynamic attributes run code"
                    enabled ( true )
                when
                    PatientFacts()
                then
                    insertLogical( new PlanPermitted( "x" ) );
                end
                """;
        List<RuleProblem> problems = language.check(Map.of("draft.drl", drl), "rules").problems();

        assertTrue(problems.stream().anyMatch(p -> p.line() == 6
                && p.message().startsWith("the attribute 'enabled' is not used")), problems::toString);
    }

    /** What the conditions compare with: the safety gate tries both sides of each. */
    @Test
    void theTermsOfTheConditionsAreRead() {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "Terms"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                when
                    PatientFacts( painScore != 6, redFlags contains RedFlag.FOOT_DROP, daysAgo( painScoreDate ) <= 7,
                                  !spinalSurgeryDate.isBefore( assessmentDate.minusMonths( 6 ) ) )
                then
                    insertLogical( new PlanPermitted( "x" ) );
                end
                """;
        ConditionTerms terms = language.check(Map.of("draft.drl", drl), "rules").terms();

        assertEquals(java.util.Set.of(7L), terms.days(), "a pain score is not a number of days");
        assertEquals(java.util.Set.of(java.time.Period.ofMonths(-6)), terms.dateShifts());
        assertEquals(java.util.Set.of("RedFlag.FOOT_DROP"), terms.constants());
    }
}
