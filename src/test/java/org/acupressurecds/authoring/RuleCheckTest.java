package org.acupressurecds.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line check an author runs before committing, without a server. */
class RuleCheckTest {

    /** Where no impact is asked for, none is computed. */
    private static final Supplier<ImpactAnalysis> NO_IMPACT = () -> {
        throw new AssertionError("no impact was asked for");
    };
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void bundledRulesPassWithEveryScenario() {
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules/"}, out, NO_IMPACT));
        assertTrue(output().matches("(?s)OK: \\d+ rules, version [0-9a-f]{16}; (\\d+) scenarios: \\1 passed, 0 failed; 0 safety invariant\\(s\\) broken; 0 lint problem\\(s\\)\\n"),
                output());
    }

    @Test
    void failingScenarioIsPrintedWithItsFileLineNameAndWhatDiffered(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path positions = copy.resolve("positions.drl");
        Files.writeString(positions, Files.readString(positions).replace(
                "PatientFacts( sedentaryWork == true )", "PatientFacts( referredLegPain == true )"));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT));
        assertTrue(output().contains(copy + "/scenarios/positions.yaml:23: scenario \"Desk work or travel adds the "
                + "seated gluteal position\": position SEATED_GLUTEAL is missing"), output());
        assertTrue(output().contains("1 failed"), output());
    }

    @Test
    void ruleThatDoesNotCompileIsPrintedWithFileAndLine(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path mats = copy.resolve("mats.drl");
        Files.writeString(mats, Files.readString(mats).replaceFirst("PlanPermitted\\(\\)", "PlanPermited()"));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT));
        assertTrue(output().contains(copy + "/mats.drl:11: 'PlanPermited' is not a type rules may use: did you mean PlanPermitted?"), output());
    }

    @Test
    void aMisspeltFactFieldGetsItsDidYouMeanAndTheFieldsThereAre(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path contraindications = copy.resolve("contraindications.drl");
        Files.writeString(contraindications, Files.readString(contraindications)
                .replaceFirst("PatientFacts\\( painScore != null", "PatientFacts( painScor != null"));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT));
        assertTrue(output().contains("PatientFacts has no field painScor: did you mean painScore? its fields are "
                + "sciaticaType, redFlags, "), output());
    }

    @Test
    void aMissingEndIsNamedAsTheLikelyCauseWithTheRuleThatLacksIt(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path positions = copy.resolve("positions.drl");
        Files.writeString(positions, Files.readString(positions).replaceFirst("(?m)^end\\n", ""));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT));
        assertTrue(output().contains("(likely cause: rule \"Lumbar and gluteal supine is the primary position for "
                + "every sciatica type\" at line 9 has no end before the next rule at line "), output());
    }

    @Test
    void anUnclosedParenthesisIsNamedAsTheLikelyCause(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path positions = copy.resolve("positions.drl");
        Files.writeString(positions, Files.readString(positions).replace("PatientFacts( sedentaryWork == true )",
                "PatientFacts( sedentaryWork == true"));

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT));
        assertTrue(output().contains("(likely cause: unbalanced parentheses in rule \"Desk work or travel adds the "
                + "seated gluteal position\" before line "), output());
    }

    @Test
    void aCodeTableProblemSaysCodeTableWithItsFileAndLine(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path codes = copy.resolve("codes/sciatica-codes.csv");
        Files.writeString(codes, Files.readString(codes) + "http://hl7.org/fhir/sid/icd-10-cm,M5431,SCIATICA_TYPE,UNKNOWN,,x\n");

        assertEquals(1, RuleCheck.run(new String[] {"check", copy.toString()}, out, NO_IMPACT));
        assertTrue(output().matches("(?s).*" + java.util.regex.Pattern.quote(codes.toString()) + ":\\d+: code table: "
                + "'M5431' is not a code of .*"), output());
    }

    @Test
    void usesListsEveryRuleScenarioAndCodeRowThatMentionsATermWithFileAndLine() {
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", "TodaysPain"}, out, NO_IMPACT));
        assertTrue(output().contains("rules/contraindications.drl:185: rule \"A pain score of 8 to 10 is an acute "
                + "severe flare: caution\""), output());
        assertTrue(output().contains("rules/missing-data.drl:21: rule \""), output());

        printed.reset();
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses",
                "A pain score of 8 to 10 is an acute severe flare: caution"}, out, NO_IMPACT));
        assertTrue(output().contains("rules/scenarios/contraindications.yaml:49: scenario \"Pain of 7 is not an acute "
                + "flare\""), output());

        printed.reset();
        assertEquals(0, RuleCheck.run(new String[] {"check", "rules", "--uses", "G83.4"}, out, NO_IMPACT));
        assertTrue(output().matches("(?s)rules/codes/sciatica-codes.csv:\\d+: code row .*G83\\.4.*"), output());

        printed.reset();
        assertEquals(1, RuleCheck.run(new String[] {"check", "rules", "--uses", "painScor3"}, out, NO_IMPACT));
        assertTrue(output().endsWith("painScor3: 0 mention(s) in rules, scenarios and code tables\n"), output());
    }

    @Test
    void wrongUsageSaysHow() {
        assertEquals(2, RuleCheck.run(new String[] {"rules"}, out, NO_IMPACT));
        assertTrue(output().startsWith("usage: check <rules folder> [--impact <ISO period, e.g. P30D> | --uses <term>]"),
                output());
    }

    @Test
    void anImpactPeriodThatIsNoPeriodSaysWhatOneLooksLike() {
        assertEquals(2, RuleCheck.run(new String[] {"check", "rules", "--impact", "30"}, out, NO_IMPACT));
        assertTrue(output().startsWith("--impact 30: not an ISO 8601 period; e.g. P30D"), output());
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
