package org.acupressurecds.ruleset;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;

/**
 * What a draft would answer differently from the rules serving, before it serves and with no recorded history: every
 * scenario answered by both, side by side (those that answer differently or that the author edited first), and the
 * verdict transitions over a grid of patients (every sciatica type, no red flag or each alone, every pain score or
 * none, spinal surgery on either side of the 6-month boundary).
 */
public record DecisionDiff(String servingVersion, String draftVersion, long scenariosChanged, long scenariosEdited,
        List<ScenarioAnswers> scenarios, Grid grid) {

    /** One rule set's answer, in brief; rulesFired (in the order of its reasons) is compared, not shown. */
    public record Answer(Verdict verdict, Integer stars, @JsonIgnore List<String> rulesFired) {

        static Answer of(Assessment a) {
            return new Answer(a.verdict(), a.expectedResponse() == null ? null : a.expectedResponse().stars(),
                    a.reasons().stream().map(Reason::rule).distinct().toList());
        }

        /** The rules this answer fired that the other did not. */
        public List<String> firedNotBy(Answer other) {
            return rulesFired.stream().filter(r -> !other.rulesFired.contains(r)).toList();
        }

        boolean sameAs(Answer other) {
            return verdict == other.verdict && Objects.equals(stars, other.stars)
                    && Set.copyOf(rulesFired).equals(Set.copyOf(other.rulesFired));
        }
    }

    /**
     * A scenario answered by the serving rules and by the draft (null answers where its patient is not valid), with
     * the rules that newly fire or stop firing; edited: its own text differs from the serving folder's scenario of
     * the same file and name (or it is new there), and scenarioDiff shows how.
     */
    public record ScenarioAnswers(String name, String file, int line, Answer serving, Answer draft,
            List<String> newlyFiring, List<String> stoppingFiring, boolean changed, boolean edited,
            String scenarioDiff) {

        boolean shown() {
            return changed || edited;
        }
    }

    /** patients: how many the grid holds; transitions: the verdict changes, most frequent first. */
    public record Grid(int patients, int verdictsChanged, List<Transition> transitions) {
    }

    /** examples: a few of the patients, of different sciatica types, with the rules only one side fired. */
    public record Transition(Verdict from, Verdict to, int count, List<Example> examples) {
    }

    public record Example(String patient, List<String> firedOnlyByServing, List<String> firedOnlyByDraft) {
    }

    private static final int EXAMPLES = 3;

    /**
     * Every scenario and the grid, on the serving rules and on the draft (within the check's time limits);
     * servingScenarios: the serving folder's, to tell which the author edited.
     */
    static DecisionDiff of(RuleSet serving, List<Scenario.Located> servingScenarios, RuleCheck.Candidate draft,
            ScenarioRunner runner) {
        Map<List<String>, String> servingText = new HashMap<>();
        servingScenarios.forEach(s -> servingText.put(List.of(s.path(), s.scenario().name()), s.text()));
        Evaluator evaluator = new Evaluator();
        Function<PatientFacts, Assessment> onServing = p -> evaluator.evaluate(serving, p);
        try (BoundedRun bounded = runner.bounded()) {
            Function<PatientFacts, Assessment> onDraft = p -> bounded.evaluate(draft.rules(), p);
            List<ScenarioAnswers> scenarios = new ArrayList<>();
            for (Scenario.Located s : draft.scenarios()) {
                String was = servingText.get(List.of(s.path(), s.scenario().name()));
                boolean edited = !s.text().equals(was);
                String scenarioDiff = edited ? UnifiedDiff.of(s.file(), was == null ? "" : was, s.text()) : null;
                Answer before;
                Answer after;
                try { // an EHR record is read with each side's own code tables
                    before = Answer.of(runner.answer(s.scenario(), serving, onServing));
                    after = Answer.of(runner.answer(s.scenario(), draft.rules(), onDraft));
                } catch (InvalidRequestException e) {
                    scenarios.add(new ScenarioAnswers(s.scenario().name(), s.file(), s.line(), null, null, List.of(),
                            List.of(), false, edited, scenarioDiff));
                    continue;
                }
                scenarios.add(new ScenarioAnswers(s.scenario().name(), s.file(), s.line(), before, after,
                        after.firedNotBy(before), before.firedNotBy(after), !before.sameAs(after), edited,
                        scenarioDiff));
            }
            // What changed first; within each group, the files' order.
            scenarios.sort(Comparator.comparing((ScenarioAnswers a) -> !a.shown()));
            return new DecisionDiff(serving.version(), draft.rules().version(),
                    scenarios.stream().filter(ScenarioAnswers::changed).count(),
                    scenarios.stream().filter(ScenarioAnswers::edited).count(), scenarios,
                    grid(onServing, onDraft, LocalDate.now()));
        }
    }

    private static Grid grid(Function<PatientFacts, Assessment> onServing, Function<PatientFacts, Assessment> onDraft,
            LocalDate today) {
        Map<List<Verdict>, List<Example>> changes = new LinkedHashMap<>();
        Map<List<Verdict>, Integer> counts = new LinkedHashMap<>();
        int patients = 0;
        List<Set<RedFlag>> flagSets = new ArrayList<>();
        flagSets.add(Set.of());
        for (RedFlag flag : RedFlag.values()) {
            flagSets.add(Set.of(flag));
        }
        List<Integer> painScores = new ArrayList<>();
        painScores.add(null);
        for (int pain = 0; pain <= 10; pain++) {
            painScores.add(pain);
        }
        for (SciaticaType type : SciaticaType.values()) {
            for (Set<RedFlag> flags : flagSets) {
                for (Integer pain : painScores) {
                    for (Surgery surgery : Surgery.values()) {
                        PatientFacts patient = surgery.apply(PatientFacts.builder(type, today)
                                .screenedRedFlags(flags).painScore(pain, today), today).build();
                        patients++;
                        Answer before = Answer.of(onServing.apply(patient));
                        Answer after = Answer.of(onDraft.apply(patient));
                        if (before.verdict() == after.verdict()) {
                            continue;
                        }
                        List<Verdict> key = List.of(before.verdict(), after.verdict());
                        counts.merge(key, 1, Integer::sum);
                        List<Example> examples = changes.computeIfAbsent(key, k -> new ArrayList<>());
                        // one example a sciatica type: the surgery settings of one type mostly say the same
                        if (examples.size() < EXAMPLES
                                && examples.stream().noneMatch(e -> e.patient().startsWith(type + ","))) {
                            examples.add(new Example(describe(type, flags, pain, surgery),
                                    before.firedNotBy(after), after.firedNotBy(before)));
                        }
                    }
                }
            }
        }
        List<Transition> transitions = new ArrayList<>();
        counts.forEach((key, count) -> transitions.add(new Transition(key.get(0), key.get(1), count, changes.get(key))));
        transitions.sort((a, b) -> Integer.compare(b.count(), a.count()));
        return new Grid(patients, counts.values().stream().mapToInt(Integer::intValue).sum(), transitions);
    }

    /** The spinal-surgery settings of the grid: the 6-month boundary from both sides, and what is not known. */
    private enum Surgery {
        NONE("no spinal surgery"),
        NOT_KNOWN("spinal surgery not known"),
        DATE_NOT_KNOWN("spinal surgery of unknown date"),
        ONE_DAY_INSIDE_6_MONTHS("spinal surgery 6 months less a day ago"),
        EXACTLY_6_MONTHS("spinal surgery exactly 6 months ago"),
        ONE_DAY_BEYOND_6_MONTHS("spinal surgery 6 months and a day ago"),
        RECENT_CLEARED("spinal surgery 2 months ago, cleared today");

        private final String words;

        Surgery(String words) {
            this.words = words;
        }

        PatientFacts.Builder apply(PatientFacts.Builder patient, LocalDate today) {
            LocalDate sixMonths = today.minusMonths(6);
            return switch (this) {
                case NONE -> patient.spinalSurgery(false, null);
                case NOT_KNOWN -> patient;
                case DATE_NOT_KNOWN -> patient.spinalSurgery(true, null);
                case ONE_DAY_INSIDE_6_MONTHS -> patient.spinalSurgery(true, sixMonths.plusDays(1));
                case EXACTLY_6_MONTHS -> patient.spinalSurgery(true, sixMonths);
                case ONE_DAY_BEYOND_6_MONTHS -> patient.spinalSurgery(true, sixMonths.minusDays(1));
                case RECENT_CLEARED -> patient.spinalSurgery(true, today.minusMonths(2)).medicalClearance(true, today);
            };
        }
    }

    private static String describe(SciaticaType type, Set<RedFlag> flags, Integer pain, Surgery surgery) {
        return type + ", " + (flags.isEmpty() ? "no red flag" : flags.iterator().next().name()) + ", "
                + (pain == null ? "no pain score" : "pain " + pain) + ", " + surgery.words;
    }
}
