package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.QuotingTricks;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule file that hides a command by quoting is refused wherever rules are checked: by the command-line check, at
 * startup, and at reload (validate: RuleSetResourceTest); the command never runs.
 */
@BesideTheService
class QuotingTricksTest {

    private static final CheckProcess CHECKS = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 10);

    @AfterAll
    static void endTheCheckProcess() {
        CHECKS.close();
    }

    static Stream<String> tricks() {
        return QuotingTricks.all(Path.of("canary")).stream().map(QuotingTricks.Trick::name);
    }

    /** The trick's rule file, touching a canary in the temporary folder if it ever runs. */
    static String trickFile(String trick, Path temp) {
        return QuotingTricks.all(temp.resolve("canary")).stream().filter(t -> t.name().equals(trick)).findFirst()
                .orElseThrow().drl();
    }

    /** A copy of the rules with the trick saved in it. */
    private static Path folderWith(String trick, Path temp) throws Exception {
        Path rules = temp.resolve("rules");
        RulesFolder.copyTo(rules);
        Files.writeString(rules.resolve("trick.drl"), trickFile(trick, temp));
        return rules;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void theCommandLineCheckRefusesIt(String trick, @TempDir Path temp) throws Exception {
        Path rules = folderWith(trick, temp);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = RuleCheck.run(new String[] {"check", rules.toString()}, new PrintStream(printed, true,
                StandardCharsets.UTF_8), () -> RuleReloaderTest.NO_IMPACT);

        assertEquals(1, exit, printed.toString(StandardCharsets.UTF_8));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains(rules + "/trick.drl:"));
        assertFalse(Files.exists(temp.resolve("canary")), "the command ran");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void theServiceDoesNotStartWithIt(String trick, @TempDir Path temp) throws Exception {
        Path rules = folderWith(trick, temp);
        RuleReloader reloader = new RuleReloader(new RuleService(), entry -> { }, RuleReloaderTest.NO_IMPACT, CHECKS,
                rules, false, Duration.ZERO);

        assertThrows(IllegalStateException.class, reloader::start);
        assertFalse(Files.exists(temp.resolve("canary")), "the command ran");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricks")
    void aReloadRefusesItAndTheLastGoodRulesServe(String trick, @TempDir Path temp) throws Exception {
        Path rules = temp.resolve("rules");
        RulesFolder.copyTo(rules);
        RuleService service = new RuleService();
        RuleReloader reloader = new RuleReloader(service, entry -> { }, RuleReloaderTest.NO_IMPACT, CHECKS, rules,
                false, Duration.ZERO);
        reloader.start();
        RuleSet serving = service.current();
        Files.writeString(rules.resolve("trick.drl"), trickFile(trick, temp));

        assertEquals(ReloadOutcome.Status.REJECTED, reloader.reload(true, "a test").status());
        assertEquals(serving, service.current());
        assertFalse(Files.exists(temp.resolve("canary")), "the command ran");
    }
}
