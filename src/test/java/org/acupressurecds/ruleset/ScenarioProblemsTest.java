package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario file's mistakes, each with its line and column, in the author's words, all of them at once. */
class ScenarioProblemsTest {

    @Test
    void everyMistakeIsReportedWhereItIsWithWhatIsAllowedThereAndNoJavaName(@TempDir Path rules) throws Exception {
        Path file = Files.createDirectories(rules.resolve("scenarios")).resolve("mine.yaml");
        Files.writeString(file, """
                - name: A misspelt expectation
                  patient: {sciaticaType: PIRIFORMIS_SYNDROME, redFlags: []}
                  expect: {verdict: SUITABLE, rulesfired: [x]}

                - name: A position that does not exist
                  patient: {sciaticaType: PIRIFORMIS_SYNDROME, redFlags: []}
                  expect:
                    verdict: SUITABLE
                    positionsPresent: [SEATED_GLUTEALL]

                - name: A good one
                  patient: {sciaticaType: PIRIFORMIS_SYNDROME, redFlags: []}
                  expect: {verdict: SUITABLE}
                """);

        List<RuleProblem> problems = assertThrows(RuleSetException.class, () -> ScenarioFiles.read(RulesSnapshot.read(rules))).problems();

        assertEquals(2, problems.size(), problems::toString);
        RuleProblem field = problems.get(0);
        assertEquals(List.of(3, 31), List.of(field.line(), field.column()), field.toString());
        assertTrue(field.message().startsWith("unknown field rulesfired in expect; did you mean rulesFired? known "
                + "fields: "), field.message());
        RuleProblem value = problems.get(1);
        assertEquals(List.of(9, 24), List.of(value.line(), value.column()), value.toString());
        assertTrue(value.message().startsWith("\"SEATED_GLUTEALL\" is not allowed in expect.positionsPresent; did "
                + "you mean SEATED_GLUTEAL? allowed: "), value.message());
        for (RuleProblem p : problems) {
            assertFalse(p.message().contains("org.acupressurecds") || p.message().contains("$"), p.message());
        }
    }
}
