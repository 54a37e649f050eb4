package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Over 70 with spinal stenosis: sessions of at most 10 minutes": a clinic's departure from the guide, on the record. The
 * test adds its own policy, rule and scenario beside the bundled rules, so it reads the same whatever they say.
 */
@BesideTheService
class LocalPolicyTest {

    private static final String POLICY = """

            - name: Short sessions after 70 with stenosis
              changes: Patients over 70 with spinal stenosis keep every session to 10 minutes at most.
              why: Our physiotherapists saw older stenosis patients stiffen after longer sessions.
              approvedBy: Clinical lead, physiotherapy
              approvedOn: 2026-11-20
            """;

    private static final String RULE = """
            package rules;

            import org.acupressurecds.knowledge.*;

            rule "Over 70 with spinal stenosis, sessions last 10 minutes at most"
                @source("Local policy > Short sessions after 70 with stenosis")
            when
                PatientFacts( sciaticaType == SciaticaType.SPINAL_STENOSIS, age != null, age > 70 )
            then
                insertLogical( new Finding( Verdict.CAUTION, ActionTiming.ALONGSIDE,
                    "Keep every session to 10 minutes at most.",
                    "Over 70 with spinal stenosis, sessions are kept short (local policy)." ) );
            end
            """;

    private static final String SCENARIO = """
            - name: Over 70 with cleared stenosis, sessions are short by our local policy
              patient: {sciaticaType: SPINAL_STENOSIS, redFlags: [], age: 76, medicalClearance: true, assessmentDate: 2026-11-24}
              expect: {verdict: CAUTION, rulesFired: ["Over 70 with spinal stenosis, sessions last 10 minutes at most"]}

            - name: At 70 with cleared stenosis, sessions are as the guide says
              patient: {sciaticaType: SPINAL_STENOSIS, redFlags: [], age: 70, medicalClearance: true, assessmentDate: 2026-11-24}
              expect: {verdict: CAUTION, rulesNotFired: ["Over 70 with spinal stenosis, sessions last 10 minutes at most"]}
            """;

    /** A policy no bundled rule cites. */
    private static final String UNFOLLOWED = """

            - name: Heat before every session
              changes: Heat comes before every mat session; the guide suggests it.
              why: A test of a policy no rule follows.
              approvedBy: Clinical lead, physiotherapy
              approvedOn: 2026-11-20
            """;

    @Test
    void aRuleFollowingALocalPolicyServesAndItsAnswersCiteThePolicy(@TempDir Path rules) throws Exception {
        RulesFolder.copyTo(rules);
        Files.writeString(rules.resolve("local-sessions.drl"), RULE);
        Files.writeString(rules.resolve("scenarios/local-sessions.yaml"), SCENARIO);
        Files.writeString(rules.resolve("policies.yaml"), POLICY, StandardOpenOption.APPEND);

        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), RulesSnapshot.read(rules));

        assertEquals(List.of(), candidate.problems());
        assertTrue(candidate.rules().policies().stream().anyMatch(p -> p.name().equals(
                "Short sessions after 70 with stenosis")));
        LocalDate today = LocalDate.of(2026, 11, 24);
        Assessment answer = new Evaluator().evaluate(candidate.rules(), PatientFacts.builder(
                SciaticaType.SPINAL_STENOSIS, today).screenedRedFlags(Set.of()).medicalClearance(true, today).age(76)
                .build());
        assertEquals(Verdict.CAUTION, answer.verdict());
        assertTrue(answer.reasons().stream().anyMatch(r -> r.source().equals(
                "Local policy > Short sessions after 70 with stenosis")), answer.reasons()::toString);
    }

    @Test
    void aPolicyNoRuleFollowsAndARuleCitingAnUndefinedPolicyAreProblems(@TempDir Path rules) throws Exception {
        RulesFolder.copyTo(rules);
        Files.writeString(rules.resolve("policies.yaml"), UNFOLLOWED, StandardOpenOption.APPEND);
        Path drl = rules.resolve("mats.drl");
        Files.writeString(drl, Files.readString(drl).replaceFirst("@source\\(\"[^\"]*\"\\)",
                "@source(\"Local policy > Gentle mats only\")"));

        List<RuleProblem> problems = RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), RulesSnapshot.read(rules))
                .problems();

        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("policies.yaml") && p.message().equals(
                "local policy \"Heat before every session\" is followed by no rule: cite it with "
                        + "@source(\"Local policy > Heat before every session\"), or remove it")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith("mats.drl") && p.message().contains(
                "cites the local policy \"Gentle mats only\", which policies.yaml does not define (it defines: ")
                && p.message().contains("Heat before every session")), problems::toString);
    }
}
