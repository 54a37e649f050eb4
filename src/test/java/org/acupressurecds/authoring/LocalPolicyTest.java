package org.acupressurecds.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Our physiotherapy service treats pain 7 as a flare": a deliberate departure from the guide, on the record. */
class LocalPolicyTest {

    private static final String POLICY = """
            - name: Pain of 7 is a flare
              changes: A pain score of 7 counts as an acute severe flare; the guide says 8 to 10.
              why: Our physiotherapists saw patients at 7 worsen on a full-strength mat.
              approvedBy: Clinical lead, physiotherapy
              approvedOn: 2026-11-20
            """;

    /** A policy no bundled rule cites. */
    private static final String UNFOLLOWED = """
            - name: Heat before every session
              changes: Heat comes before every mat session; the guide suggests it.
              why: A test of a policy no rule follows.
              approvedBy: Clinical lead, physiotherapy
              approvedOn: 2026-11-20
            """;

    /**
     * The edit a rule author makes, from rules/ alone: the DRL, the scenarios that pin pain 7, and the policy. Once
     * the bundled rules read otherwise (the edit made for real, say), there is nothing left to try: the test says so
     * and is skipped.
     */
    private static void treatPainOf7AsAFlare(Path rules) throws Exception {
        Path drl = rules.resolve("contraindications.drl");
        Files.writeString(drl, new Edit(Files.readString(drl))
                .replace("A pain score of 8 to 10 is an acute severe flare: caution\"\n    @source(\"When NOT to Use an "
                        + "Acupressure Mat for Sciatica > Acute severe sciatica flare (VAS 8-10/10)\")",
                        "A pain score of 7 to 10 is an acute severe flare: caution\"\n    @source(\"Local policy > Pain of 7 "
                                + "is a flare\")")
                .replace("TodaysPain( score >= 8 )", "TodaysPain( score >= 7 )")
                .replace("Pain of 8-10/10 is an acute severe sciatica flare.", "Pain of 7-10/10 is an acute severe "
                        + "sciatica flare (local policy).")
                .replace("While the pain is 8 or more", "While the pain is 7 or more").text());
        Path scenarios = rules.resolve("scenarios/contraindications.yaml");
        Files.writeString(scenarios, new Edit(Files.readString(scenarios))
                .replace("A pain score of 8 to 10 is an acute severe flare: caution",
                        "A pain score of 7 to 10 is an acute severe flare: caution")
                .replace("- name: Pain of 7 is not an acute flare\n  patient: {sciaticaType: PIRIFORMIS_SYNDROME, "
                        + "redFlags: [], painScore: 7, assessmentDate: 2026-11-24}\n  expect: {verdict: SUITABLE, "
                        + "rulesNotFired:", "- name: Pain of 7 is an acute flare by our local policy\n  patient: "
                        + "{sciaticaType: PIRIFORMIS_SYNDROME, redFlags: [], painScore: 7, assessmentDate: 2026-11-24}\n"
                        + "  expect: {verdict: CAUTION, rulesFired:").text());
        Files.writeString(rules.resolve("policies.yaml"), POLICY, StandardOpenOption.APPEND);
    }

    /** A text edited by replacements that must each find what they replace. */
    private record Edit(String text) {
        Edit replace(String from, String to) {
            Assumptions.assumeTrue(text.contains(from), () -> "the bundled rules no longer read \"" + from
                    + "\": the edit this test makes has been made or the rules moved on");
            return new Edit(text.replace(from, to));
        }
    }

    @Test
    void aRuleFollowingALocalPolicyServesAndItsAnswersCiteThePolicy(@TempDir Path rules) throws Exception {
        RulesFolder.copyTo(rules);
        treatPainOf7AsAFlare(rules);

        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), rules, Map.of());

        assertEquals(List.of(), candidate.problems());
        assertTrue(candidate.rules().policies().stream().anyMatch(p -> p.name().equals("Pain of 7 is a flare")));
        LocalDate today = LocalDate.of(2026, 11, 24);
        Assessment answer = new Evaluator().evaluate(candidate.rules(), PatientFacts.builder(
                SciaticaType.PIRIFORMIS_SYNDROME, today).screenedRedFlags(Set.of()).painScore(7, today).build());
        assertEquals(Verdict.CAUTION, answer.verdict());
        assertTrue(answer.reasons().stream().anyMatch(r -> r.source().equals("Local policy > Pain of 7 is a flare")),
                answer.reasons()::toString);
    }

    @Test
    void aPolicyNoRuleFollowsAndARuleCitingAnUndefinedPolicyAreProblems(@TempDir Path rules) throws Exception {
        RulesFolder.copyTo(rules);
        Files.writeString(rules.resolve("policies.yaml"), UNFOLLOWED, StandardOpenOption.APPEND);
        Path drl = rules.resolve("mats.drl");
        Files.writeString(drl, Files.readString(drl).replaceFirst("@source\\(\"[^\"]*\"\\)",
                "@source(\"Local policy > Gentle mats only\")"));

        List<RuleProblem> problems = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), rules, Map.of())
                .problems();

        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("policies.yaml") && p.message().equals(
                "local policy \"Heat before every session\" is followed by no rule: cite it with "
                        + "@source(\"Local policy > Heat before every session\"), or remove it")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("mats.drl") && p.message().contains(
                "cites the local policy \"Gentle mats only\", which policies.yaml does not define (it defines: ")
                && p.message().contains("Heat before every session")), problems::toString);
    }
}
