package org.acupressurecds.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line check an author runs before committing, without a server. */
class RuleCheckTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void bundledRulesPassWithEveryScenario() {
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules/"}, out));
        assertTrue(output().matches("(?s)OK: \\d+ rules, version [0-9a-f]{16}; (\\d+) scenarios: \\1 passed, 0 failed; 0 safety invariant\\(s\\) broken; 0 lint problem\\(s\\)\\n"),
                output());
    }

    @Test
    void failingScenarioIsPrintedWithItsFileLineNameAndWhatDiffered(@TempDir Path copy) throws Exception {
        copyRules(copy);
        Path positions = copy.resolve("positions.drl");
        Files.writeString(positions, Files.readString(positions).replace(
                "PatientFacts( sedentaryWork == true )", "PatientFacts( referredLegPain == true )"));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out));
        assertTrue(output().contains(copy + "/scenarios/positions.yaml:23: scenario \"Desk work or travel adds the "
                + "seated gluteal position\": position SEATED_GLUTEAL is missing"), output());
        assertTrue(output().contains("1 failed"), output());
    }

    @Test
    void ruleThatDoesNotCompileIsPrintedWithFileAndLine(@TempDir Path copy) throws Exception {
        copyRules(copy);
        Path mats = copy.resolve("mats.drl");
        Files.writeString(mats, Files.readString(mats).replaceFirst("PlanPermitted\\(\\)", "PlanPermited()"));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out));
        assertTrue(output().contains(copy + "/mats.drl:11: 'PlanPermited' is not a type rules may use: did you mean PlanPermitted?"), output());
    }

    @Test
    void wrongUsageSaysHow() {
        assertEquals(2, RuleCheck.run(new String[] {"rules"}, out));
        assertTrue(output().startsWith("usage: check <rules folder>"));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    static void copyRules(Path target) throws Exception {
        try (var files = Files.walk(Path.of("rules"))) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(Path.of("rules").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
    }
}
