package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Rules are code from people: a draft may name only the fact model, value types and the rule language. Each draft
 * here tries to reach the host another way; each is refused with file and line, before anything is compiled.
 */
class DrlAllowlistTest {

    private final DrlAllowlist allowlist = new DrlAllowlist();

    @Test
    void theBundledRulesUseOnlyWhatIsAllowed() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> drl = Files.list(Path.of("rules"))) {
            for (Path p : drl.filter(p -> p.toString().endsWith(".drl")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertEquals(List.of(), allowlist.check(files, "rules"));
    }

    /** Each consequence, condition or declaration, placed in a rule that is otherwise fine; line 8 is its line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Runtime in a consequence           | then | Runtime.getRuntime().exec("id");                | 'Runtime' is not a type rules may use
            a fully qualified Runtime          | then | java.lang.Runtime.getRuntime().exec("id");      | 'java.lang.Runtime' is not a type rules may use
            System.exit                        | then | System.exit(0);                                 | 'System' is not a type rules may use
            Thread.sleep                       | then | Thread.sleep(30000);                            | 'Thread' is not a type rules may use
            a ProcessBuilder                   | then | new ProcessBuilder("id").start();               | 'ProcessBuilder' is not a type rules may use
            reflection through getClass        | then | "x".getClass().forName("java.lang.Runtime");     | '.getClass' is not a member rules may use
            reflection through a class literal | then | String.class.getMethods();                      | classes and .class are not allowed
            a file                             | then | new java.io.File("/etc/passwd").delete();       | 'java.io.File' is not a type rules may use
            nio                                | then | java.nio.file.Files.delete(null);               | 'java.nio.file.Files' is not a type rules may use
            a socket                           | then | new java.net.Socket("localhost", 80);           | 'java.net.Socket' is not a type rules may use
            an endless loop                    | then | while (true) { }                                | loops are not allowed
            a for loop                         | then | for (;;) { }                                    | loops are not allowed
            a lambda                           | then | List.of(1).forEach(x -> insert(x));            | lambdas and method references ('->')
            a method reference                 | then | List.of(1).forEach(System::exit);               | lambdas and method references ('::')
            the engine's handle                | then | drools.getKieRuntime().halt();                  | 'drools' is the engine's handle
            the context handle                 | then | kcontext.getKieRuntime().halt();                | 'kcontext' is the engine's handle
            the clock                          | then | insertLogical(LocalDate.now());                 | '.now' is not a member rules may use
            a system property                  | then | Integer.getInteger("user.home");                | '.getInteger' is not a member rules may use
            an unknown call                    | then | exec("id");                                     | 'exec(...)' is not something rules may call
            eval in a condition                | when | eval( System.getenv("HOME") != null )           | 'System' is not a type rules may use
            from in a condition                | when | String() from java.lang.System.getenv().keySet() | 'java.lang.System' is not a type rules may use
            accumulate code                    | when | Number() from accumulate( PatientFacts(), init( Runtime r = Runtime.getRuntime(); ), action( ), result( 0 ) ) | 'Runtime' is not a type rules may use
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
        List<RuleProblem> problems = allowlist.check(Map.of("draft.drl", drl), "rules");

        int line = part.equals("when") ? 9 : 11;
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("rules/draft.drl") && p.line() == line
                && p.message().contains(expected.replace("\\\\", "\\"))), attempt + ": " + problems);
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
            """)
    void aDraftThatBringsInOtherCodeIsRefused(String attempt, String declaration, String expected) {
        String drl = """
                package rules;

                import org.acupressurecds.knowledge.*;
                %s
                """.formatted(declaration);
        List<RuleProblem> problems = allowlist.check(Map.of("draft.drl", drl), "rules");

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
                    PatientFacts( sciaticaType == SciaticaType.PIRIFORMIS_SYNDROM )
                then
                    insertLogicl( new PlanPermitted( "x" ) );
                end
                """;
        List<RuleProblem> problems = allowlist.check(Map.of("draft.drl", drl), "rules");

        assertEquals(List.of(
                new RuleProblem("rules/draft.drl", 8, null,
                        "'.PIRIFORMIS_SYNDROM' is not a member rules may use: did you mean PIRIFORMIS_SYNDROME?"),
                new RuleProblem("rules/draft.drl", 10, null,
                        "'insertLogicl(...)' is not something rules may call: did you mean insertLogical?")), problems);
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
                    modify( $f ) { };
                end
                """;
        List<RuleProblem> problems = allowlist.check(Map.of("draft.drl", drl), "rules");

        assertTrue(problems.stream().anyMatch(p -> p.line() == 6 && p.message().startsWith(
                "the attribute 'salience' is not used in these rules")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.line() == 10 && p.message().startsWith(
                "'modify' is not used in these rules")), problems::toString);
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
        List<RuleProblem> problems = allowlist.check(Map.of("draft.drl", drl), "rules");

        assertTrue(problems.stream().anyMatch(p -> p.line() == 6
                && p.message().startsWith("the attribute 'enabled' is not used")), problems::toString);
    }
}
