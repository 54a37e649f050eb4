package org.acupressurecds.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.jboss.logging.Logger;

/**
 * The last check, in Java, behind whatever rule set serves: a patient with a red flag, an uncleared spinal surgery of
 * the last 6 months, an uncleared spinal stenosis, a red flag the record names in words or a record entry that could
 * not be read gets no plan. The safety gate holds every rule set to these
 * invariants before it serves; this holds every answer to them after, in every channel. It enforces only these: a
 * rule set may still answer more cautiously than the guide. When it intervenes it answers without a plan, with the
 * most severe verdict the finding calls for, logs an error naming the rule-set version, counts it, and marks the
 * rule set faulty.
 */
public final class SafetyNet {

    private static final Logger LOG = Logger.getLogger(SafetyNet.class);
    static final String RULE = "The service's safety check: no plan after a red flag or without a needed clearance";
    private static final String SOURCE = "When NOT to Use an Acupressure Mat for Sciatica > General rule";

    /** An invariant a patient can fall under, and the verdict it calls for when the rules broke it. */
    public enum Invariant {
        CAUDA_EQUINA_SIGN("a cauda equina sign", Verdict.EMERGENCY,
                "Send the patient to the emergency department now: suspected cauda equina syndrome. Do not use the mat."),
        RED_FLAG("a sign of nerve root compression", Verdict.URGENT_REFERRAL,
                "Stop mat use and arrange an urgent physician review: this needs medical evaluation, not home therapy."),
        UNCLEARED_RECENT_SURGERY("spinal surgery in the last 6 months without a clearance after it",
                Verdict.CLEARANCE_REQUIRED,
                "Do not start the mat until the surgeon or physician gives medical clearance."),
        UNCLEARED_STENOSIS("spinal stenosis without a physician's clearance", Verdict.CLEARANCE_REQUIRED,
                "Consult the patient's physician and obtain medical clearance before starting the mat."),
        MENTIONED_RED_FLAG("a red flag the record names only in words", Verdict.CLEARANCE_REQUIRED,
                "Confirm with the patient whether the red flag the record mentions is present before any mat use."),
        UNREAD_RECORD_ENTRY("a record entry the service could not read", Verdict.CLEARANCE_REQUIRED,
                "A record entry could not be read: check it before starting the mat.");

        private final String inWords;
        private final Verdict verdict;
        private final String action;

        Invariant(String inWords, Verdict verdict, String action) {
            this.inWords = inWords;
            this.verdict = verdict;
            this.action = action;
        }

        public String inWords() {
            return inWords;
        }

        public Verdict verdict() {
            return verdict;
        }
    }

    /** A rule set the net had to correct: since when, how often, and for what. */
    public record Fault(Instant since, long interventions, Set<Invariant> invariants) {
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    /** The invariants the patient falls under: any of them means no plan. */
    public static Set<Invariant> invariants(PatientFacts patient) {
        Set<Invariant> found = EnumSet.noneOf(Invariant.class);
        if (patient.redFlags().stream().anyMatch(RedFlag::isCaudaEquinaSign)) {
            found.add(Invariant.CAUDA_EQUINA_SIGN);
        }
        if (patient.redFlags().stream().anyMatch(flag -> !flag.isCaudaEquinaSign())) {
            found.add(Invariant.RED_FLAG);
        }
        if (unclearedRecentSurgery(patient)) {
            found.add(Invariant.UNCLEARED_RECENT_SURGERY);
        }
        if (patient.sciaticaType() == SciaticaType.SPINAL_STENOSIS && !Boolean.TRUE.equals(patient.medicalClearance())) {
            found.add(Invariant.UNCLEARED_STENOSIS);
        }
        if (!patient.redFlagsMentioned().isEmpty()) {
            found.add(Invariant.MENTIONED_RED_FLAG);
        }
        if (Boolean.TRUE.equals(patient.recordEntriesUnread())) {
            found.add(Invariant.UNREAD_RECORD_ENTRY);
        }
        return found;
    }

    /**
     * Surgery on or after the day 6 months before the assessment, or of no known date, with no clearance dated on or
     * after it (after the assessment date, where the surgery's date is not known).
     */
    static boolean unclearedRecentSurgery(PatientFacts p) {
        if (!Boolean.TRUE.equals(p.spinalSurgery())) {
            return false;
        }
        if (p.spinalSurgeryDate() != null && p.spinalSurgeryDate().isBefore(p.assessmentDate().minusMonths(6))) {
            return false;
        }
        java.time.LocalDate surgery = p.spinalSurgeryDate() != null ? p.spinalSurgeryDate() : p.assessmentDate();
        return !Boolean.TRUE.equals(p.medicalClearance()) || p.medicalClearanceDate() == null
                || p.medicalClearanceDate().isBefore(surgery);
    }

    /** Whether the answer lets the patient use the mat: a plan, or a verdict that allows mat use. */
    public static boolean givesPlan(Assessment answer) {
        return answer.hasPlan() || answer.verdict() == Verdict.SUITABLE || answer.verdict() == Verdict.CAUTION;
    }

    /** The answer, or, where it breaks an invariant, the answer without a plan that the patient's findings call for. */
    Assessment hold(RuleSet rules, PatientFacts patient, Assessment answer) {
        Set<Invariant> broken = invariants(patient);
        if (broken.isEmpty() || !givesPlan(answer)) {
            return answer;
        }
        Invariant decides = broken.stream().max((a, b) -> a.verdict().compareTo(b.verdict())).orElseThrow();
        Verdict verdict = answer.verdict().isMoreSevereThan(decides.verdict()) ? answer.verdict() : decides.verdict();
        faults.merge(rules.version(), new Fault(Instant.now(), 1, broken),
                (was, now) -> new Fault(was.since(), was.interventions() + 1, union(was.invariants(), broken)));
        String which = broken.stream().map(Invariant::inWords).collect(Collectors.joining(" and "));
        LOG.errorf("Rule set %s gave a plan to a patient with %s: the safety check withheld it and answered %s. "
                + "The rule set is faulty; fix the rules.", rules.version(), which, verdict);
        broken.forEach(i -> Counter.builder("cds.safety.interventions").tag("invariant", i.name())
                .description("Answers the safety check corrected: the rules gave a plan they may not")
                .register(Metrics.globalRegistry).increment());
        List<Reason> reasons = new ArrayList<>();
        reasons.add(new Reason(RULE, "The rules (version " + rules.version() + ") would have given a plan to a "
                + "patient with " + which + "; the service withheld it. The rule set is marked faulty.", SOURCE));
        reasons.addAll(answer.reasons());
        return new Assessment(verdict, decides.action, null, null, null, null, null, null, null, reasons, List.of(RULE),
                answer.missingData(), answer.assessmentDate(), answer.rulesetVersion());
    }

    /** The fault of a rule-set version, if the net had to correct it. */
    public Optional<Fault> faultOf(String version) {
        return Optional.ofNullable(faults.get(version));
    }

    private static Set<Invariant> union(Set<Invariant> a, Set<Invariant> b) {
        Set<Invariant> all = EnumSet.noneOf(Invariant.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
