package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A scenario file's mistakes, each with its line and column, in the author's words, all of them at once. */
@BesideTheService
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

    /** A file the YAML parser cannot read: the line that is wrong, and what is wrong there, in words. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a field indented under the one above | '  patient: {sciaticaType: SPINAL_STENOSIS}\\n    expect: {verdict: CAUTION}' | 3 | expect: is indented under patient:, which already has a value; it should line up with patient:
            a field indented a step too far       | '  patient: {sciaticaType: SPINAL_STENOSIS}\\n   expect: {verdict: CAUTION}'  | 3 | expect: is indented under patient:, which already has a value; it should line up with patient:
            a nested field indented too far       | '  patient:\\n    sciaticaType: SPINAL_STENOSIS\\n    painScore: 3\\n      redFlags: []\\n  expect: {verdict: CAUTION}' | 5 | redFlags: is indented under painScore:, which already has a value; it should line up with painScore:
            a field lined up with nothing         | '  patient: {sciaticaType: SPINAL_STENOSIS}\\n expect: {verdict: CAUTION}'   | 3 | expect: lines up with no field above it; the fields of an entry line up with name:
            a brace left open                     | '  patient: {sciaticaType: SPINAL_STENOSIS\\n  expect: {verdict: CAUTION}'    | 2 | the { opened here is not closed: end it with } on this line
            a tab                                 | '\\tpatient: {sciaticaType: SPINAL_STENOSIS}\\n  expect: {verdict: CAUTION}'  | 2 | a tab indents this line; YAML indents with spaces only
            """)
    void aFileThatDoesNotParseIsSaidInTheAuthorsWordsAtTheRightLine(String mistake, String rest, int line, String message,
            @TempDir Path rules) throws Exception {
        Path file = Files.createDirectories(rules.resolve("scenarios")).resolve("mine.yaml");
        Files.writeString(file, "- name: A\n" + rest.replace("\\n", "\n").replace("\\t", "\t") + "\n");

        List<RuleProblem> problems = assertThrows(RuleSetException.class,
                () -> ScenarioFiles.read(RulesSnapshot.read(rules))).problems();

        assertEquals(1, problems.size(), problems::toString);
        assertEquals(line, problems.get(0).line(), problems.get(0).toString());
        assertEquals(message, problems.get(0).message());
        assertEquals("a scenario file cannot be read", problems.get(0).kind().headline());
    }

    /** A code row is pinned by a scenario that gives the EHR's coding: map the code to something else and it fails. */
    @Test
    void aScenarioWithEhrCodingsPinsTheCodeRowItReads(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        Path codes = copy.resolve("codes/sciatica-codes.csv");
        String row = "http://hl7.org/fhir/sid/icd-10-cm,G57.02,SCIATICA_TYPE,PIRIFORMIS_SYNDROME,LEFT,";
        assertTrue(Files.readString(codes).contains(row));
        Files.writeString(codes, Files.readString(codes).replace(row,
                "http://hl7.org/fhir/sid/icd-10-cm,G57.02,SCIATICA_TYPE,SACROILIAC_JOINT_DYSFUNCTION,LEFT,"));

        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(),
                RulesSnapshot.read(copy));

        assertTrue(candidate.problems().stream().anyMatch(p -> p.file().endsWith("scenarios/code-rows.yaml")
                && p.message().startsWith("scenario \"G57.02 is piriformis syndrome of the left leg\": stars 4, "
                        + "expected 5")), candidate.problems()::toString);
    }

    @Test
    void aScenarioGivesItsPatientAsFactsOrAsAnEhrRecordAndARecordWithoutSciaticaIsSaidSo(@TempDir Path rules)
            throws Exception {
        Path file = Files.createDirectories(rules.resolve("scenarios")).resolve("mine.yaml");
        Files.writeString(file, """
                - name: Both
                  patient: {sciaticaType: PIRIFORMIS_SYNDROME, redFlags: []}
                  ehr: {assessmentDate: 2026-11-24, conditions: []}
                  expect: {verdict: SUITABLE}
                """);
        List<RuleProblem> both = assertThrows(RuleSetException.class,
                () -> ScenarioFiles.read(RulesSnapshot.read(rules))).problems();
        assertEquals(List.of("every scenario needs name, expect.verdict, and its patient either as facts (patient:) or "
                + "as an EHR record (ehr:), one of the two"), both.stream().map(RuleProblem::message).toList());

        Files.writeString(file, """
                - name: A record of back spasm only
                  ehr:
                    assessmentDate: 2026-11-24
                    conditions: [{system: http://hl7.org/fhir/sid/icd-10-cm, code: M62.830}]
                  expect: {verdict: SUITABLE}
                """);
        Scenario.Located scenario = ScenarioFiles.read(RulesSnapshot.read(rules)).get(0);
        List<RuleProblem> failed = new ScenarioRunner().run(new RuleSetLoader().load(Path.of("rules")), List.of(scenario));
        assertEquals(1, failed.size(), failed::toString);
        assertTrue(failed.get(0).message().startsWith("scenario \"A record of back spasm only\": ehr.conditions hold "
                + "no sciatica the code tables read, so CDS Hooks would show no card"), failed.get(0).message());
    }
}
