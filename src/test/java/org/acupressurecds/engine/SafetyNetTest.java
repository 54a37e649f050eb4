package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.acupressurecds.ruleset.RulesFolder;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever rule set serves, a patient with a red flag, an uncleared recent surgery or an uncleared stenosis gets no
 * plan: here the rules are broken on purpose and served past the gate, as only a bug could.
 */
class SafetyNetTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void countInterventions() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void stopCounting() {
        Metrics.removeRegistry(meters);
    }

    /** The red-flag rules fire only where desk work is not denied: a patient who denies it would get a plan. */
    private static RuleSet brokenRules(Path copy) throws Exception {
        return new RuleSetLoader().load(RulesFolder.withRedFlagsBehind("sedentaryWork != false", copy));
    }

    @Test
    void aPlanTheRulesGiveAfterCaudaEquinaSignsIsWithheldAndTheRuleSetIsMarkedFaulty(@TempDir Path copy)
            throws Exception {
        RuleService service = new RuleService();
        RuleSet broken = brokenRules(copy);
        service.serve(broken);
        PatientFacts patient = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY)
                .screenedRedFlags(Set.of(RedFlag.CAUDA_EQUINA_SYNDROME, RedFlag.FOOT_DROP)).painScore(4, TODAY)
                .sedentaryWork(false).build();
        assertEquals(Verdict.SUITABLE, new Evaluator().evaluate(broken, patient).verdict(), "the rules are broken");

        Assessment answer = service.assess(patient);

        assertEquals(Verdict.EMERGENCY, answer.verdict());
        assertFalse(answer.hasPlan());
        assertNull(answer.expectedResponse());
        assertTrue(answer.action().startsWith("Send the patient to the emergency department now"), answer.action());
        assertEquals(SafetyNet.RULE, answer.reasons().get(0).rule());
        assertEquals(broken.version(), answer.rulesetVersion());
        SafetyNet.Fault fault = service.faultOf(broken.version()).orElseThrow();
        assertEquals(1, fault.interventions());
        assertEquals(Set.of(SafetyNet.Invariant.CAUDA_EQUINA_SIGN, SafetyNet.Invariant.RED_FLAG), fault.invariants());
        assertEquals(1.0, meters.get("cds.safety.interventions").tag("invariant", "CAUDA_EQUINA_SIGN").counter().count());
    }

    @Test
    void aPlanAfterFootDropAloneIsWithheldAsAnUrgentReferral(@TempDir Path copy) throws Exception {
        RuleService service = new RuleService();
        service.serve(brokenRules(copy));
        PatientFacts patient = PatientFacts.builder(SciaticaType.DISC_HERNIATION, TODAY)
                .screenedRedFlags(Set.of(RedFlag.FOOT_DROP)).sedentaryWork(false).build();

        Assessment answer = service.assess(patient);

        assertEquals(Verdict.URGENT_REFERRAL, answer.verdict());
        assertFalse(answer.hasPlan());
    }

    /** The net enforces only its invariants: an answer the bundled rules give passes unchanged, faults none. */
    @Test
    void anAnswerThatKeepsTheInvariantsPassesUnchanged() throws Exception {
        RuleService service = new RuleService();
        RuleSet bundled = new RuleSetLoader().load(Path.of("rules"));
        service.serve(bundled);
        for (PatientFacts patient : new PatientFacts[] {
                PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).screenedRedFlags(Set.of()).build(),
                PatientFacts.builder(SciaticaType.SPINAL_STENOSIS, TODAY).screenedRedFlags(Set.of())
                        .medicalClearance(true, TODAY).build(),
                PatientFacts.builder(SciaticaType.DISC_HERNIATION, TODAY).screenedRedFlags(Set.of(RedFlag.FOOT_DROP))
                        .build(),
                PatientFacts.builder(SciaticaType.UNKNOWN, TODAY).screenedRedFlags(Set.of())
                        .spinalSurgery(true, TODAY.minusMonths(2)).medicalClearance(true, TODAY).build()}) {
            assertEquals(new Evaluator().evaluate(bundled, patient), service.assess(patient));
        }
        assertTrue(service.faultOf(bundled.version()).isEmpty());
    }

    @Test
    void theInvariantsFollowTheGuideAndTheClinicalDecisions() {
        PatientFacts.Builder patient = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY)
                .screenedRedFlags(Set.of());
        assertEquals(Set.of(), SafetyNet.invariants(patient.build()));
        assertEquals(Set.of(SafetyNet.Invariant.UNCLEARED_RECENT_SURGERY),
                SafetyNet.invariants(patient.spinalSurgery(true, TODAY.minusMonths(6)).build()), "the anniversary counts");
        assertEquals(Set.of(), SafetyNet.invariants(patient.spinalSurgery(true, TODAY.minusMonths(6).minusDays(1))
                .build()), "the day after it, the surgery is not recent");
        assertEquals(Set.of(SafetyNet.Invariant.UNCLEARED_RECENT_SURGERY), SafetyNet.invariants(patient
                .spinalSurgery(true, null).medicalClearance(true, TODAY.minusDays(1)).build()),
                "surgery of no known date is cleared only on the assessment day");
        assertEquals(Set.of(SafetyNet.Invariant.UNCLEARED_RECENT_SURGERY), SafetyNet.invariants(patient
                .spinalSurgery(true, TODAY.minusMonths(1)).medicalClearance(true, TODAY.minusMonths(2)).build()),
                "a clearance from before the surgery does not clear it");
        assertEquals(Set.of(), SafetyNet.invariants(patient.spinalSurgery(true, TODAY.minusMonths(1))
                .medicalClearance(true, TODAY.minusMonths(1)).build()));
        assertEquals(Set.of(SafetyNet.Invariant.UNCLEARED_STENOSIS), SafetyNet.invariants(PatientFacts
                .builder(SciaticaType.SPINAL_STENOSIS, TODAY).screenedRedFlags(Set.of()).build()));
        PatientFacts.Builder fromARecord = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).notScreened();
        assertEquals(Set.of(SafetyNet.Invariant.MENTIONED_RED_FLAG), SafetyNet.invariants(fromARecord
                .redFlagMentioned(RedFlag.SADDLE_ANESTHESIA).build()), "issue 21: a mention is confirmed first");
        assertEquals(Set.of(SafetyNet.Invariant.UNREAD_RECORD_ENTRY), SafetyNet.invariants(PatientFacts
                .builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).notScreened().recordEntriesUnread(true).build()),
                "issue 21: an entry not read is checked first");
    }

    /** Rules that forget what a record leaves open: the net withholds the plan they give, in every channel. */
    @Test
    void aPlanTheRulesGiveDespiteAnEntryNotReadIsWithheld(@TempDir Path copy) throws Exception {
        org.acupressurecds.ruleset.RulesFolder.copyTo(copy);
        java.nio.file.Files.delete(copy.resolve("ehr-record.drl"));
        RuleService service = new RuleService();
        service.serve(new RuleSetLoader().load(copy));

        Assessment answer = service.assess(PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, TODAY).notScreened()
                .recordEntriesUnread(true).redFlagMentioned(RedFlag.FOOT_DROP).build());

        assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict());
        assertFalse(answer.hasPlan());
    }
}
