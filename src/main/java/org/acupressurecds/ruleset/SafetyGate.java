package org.acupressurecds.ruleset;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.SafetyNet;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;

/**
 * The safety invariants, as a gate every rule set passes before it serves, at startup and at every reload, whatever
 * flag is passed: a red flag, however long ago it was noted, an uncleared spinal surgery of the last 6 months, an
 * uncleared spinal stenosis, a red flag a record names only in words or a record entry not read gives no plan
 * ({@link SafetyNet}); a current cauda equina sign is an emergency; adding a red flag never lowers the verdict.
 *
 * <p>The patients tried are derived from the rule set itself ({@link GateSpace}): every fact on both sides of what a
 * condition compares it with, combined pairwise, each with no red flag, every red flag alone and all of them, each
 * red flag named only in words and an entry not read; then
 * every combination of red flags on every sciatica type in a few settings: about fifteen thousand evaluations for the
 * bundled rules, a second or two. It runs within the check's time limits ({@link BoundedRun}): a rule set too slow
 * to check is not served.
 */
final class SafetyGate {

    /** Examples shown per broken invariant; the rest are counted. */
    private static final int EXAMPLES = 3;
    /** Settings every combination of red flags is tried in, on every sciatica type. */
    private record Sweep(String description, boolean screened, Period noted, Integer pain) {
        PatientFacts patient(SciaticaType type, Set<RedFlag> flags, LocalDate today) {
            return PatientFacts.builder(type, today)
                    .redFlags(flags, screened, flag -> noted == null ? null : today.plus(noted))
                    .painScore(pain, today)
                    .build();
        }
    }

    private static final List<Sweep> SWEEPS = List.of(
            new Sweep("screened, pain 5", true, null, 5),
            new Sweep("from an EHR record, no pain score", false, null, null),
            new Sweep("from an EHR record, red flags noted 10 years ago", false, Period.ofYears(-10), 4));

    /** A patient that breaks an invariant, in words; flags, how many red flags it has, to show the smallest first. */
    private record Case(int flags, String text) {
    }

    /** The smallest examples first: the fewest red flags, then the fewest other facts (the shortest description). */
    private static final Comparator<Case> SMALLEST_FIRST = Comparator.comparingInt(Case::flags)
            .thenComparingInt(c -> c.text().length()).thenComparing(Case::text);

    private SafetyGate() {
    }

    /** The broken invariants, with examples; none when the rule set is safe to serve. */
    static List<RuleProblem> check(RuleSet rules, BoundedRun run, String shownFolder) {
        return check(shownFolder, GateSpace.of(rules.terms(), LocalDate.now()), patient -> run.evaluate(rules, patient));
    }

    static List<RuleProblem> check(String shownFolder, GateSpace space, Function<PatientFacts, Assessment> assess) {
        Map<String, List<Case>> broken = new LinkedHashMap<>();
        try {
            GateSpace.Rows rows = space.rows();
            for (GateSpace.Row row = rows.next(); row != null; row = rows.next()) {
                // A pair of facts counts as tried where the patient without red flags gets a plan: only a red flag
                // stands between them and it.
                rows.counted(tryRow(row, assess, broken));
            }
            sweep(assess, broken);
        } catch (BoundedRun.TimedOut e) {
            return List.of(problem(shownFolder, "could not be checked: " + e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(problem(shownFolder, "could not be checked: the rules failed (" + e.getMessage() + ")"));
        }
        List<RuleProblem> problems = new ArrayList<>();
        broken.forEach((invariant, cases) -> problems.add(problem(shownFolder, invariant + ": "
                + cases.stream().sorted(SMALLEST_FIRST).map(Case::text).distinct().limit(EXAMPLES)
                        .collect(Collectors.joining("; "))
                + (cases.size() > EXAMPLES ? "; and " + (cases.size() - EXAMPLES) + " more" : ""))));
        return problems;
    }

    /** One base patient with no red flag, each alone and all: whether the patient without red flags gets a plan. */
    private static boolean tryRow(GateSpace.Row row, Function<PatientFacts, Assessment> assess,
            Map<String, List<Case>> broken) {
        Map<Set<RedFlag>, Assessment> answers = new HashMap<>();
        for (Set<RedFlag> flags : flagSets()) {
            answers.put(flags, assess.apply(row.patient(flags)));
        }
        String described = row.describe();
        answers.forEach((flags, answer) -> invariants(row.patient(flags), answer, row.flagsCurrent(),
                describe(row.type, flags, described), broken));
        Assessment none = answers.get(Set.of());
        Assessment all = answers.get(Set.of(RedFlag.values()));
        for (RedFlag flag : RedFlag.values()) {
            Assessment alone = answers.get(Set.of(flag));
            monotone(none, alone, 0, describe(row.type, Set.of(), described), flag.name(), broken);
            monotone(alone, all, 1, describe(row.type, Set.of(flag), described), "every other red flag", broken);
        }
        leftOpen(row, none, assess, describe(row.type, Set.of(), described), broken);
        return SafetyNet.givesPlan(none);
    }

    /** What a record can leave open, each on the patient without red flags: a red flag in words, an unread entry. */
    private static void leftOpen(GateSpace.Row row, Assessment none, Function<PatientFacts, Assessment> assess,
            String described, Map<String, List<Case>> broken) {
        Map<String, PatientFacts> open = new LinkedHashMap<>();
        for (RedFlag flag : RedFlag.values()) {
            open.put(flag.name() + " named in words", row.patient(Set.of()).toBuilder().redFlagMentioned(flag).build());
        }
        open.put("a record entry not read", row.patient(Set.of()).toBuilder().recordEntriesUnread(true).build());
        open.forEach((what, patient) -> {
            Assessment answer = assess.apply(patient);
            invariants(patient, answer, row.flagsCurrent(), described + " and " + what, broken);
            monotone(none, answer, 0, described, what, broken);
        });
    }

    /** Every combination of red flags on every sciatica type: adding any flag to any others never lowers the verdict. */
    private static void sweep(Function<PatientFacts, Assessment> assess, Map<String, List<Case>> broken) {
        LocalDate today = LocalDate.now();
        for (SciaticaType type : SciaticaType.values()) {
            for (Sweep sweep : SWEEPS) {
                Map<Set<RedFlag>, Assessment> answers = new HashMap<>();
                for (Set<RedFlag> flags : RedFlag.everyCombination()) {
                    answers.put(flags, assess.apply(sweep.patient(type, flags, today)));
                }
                answers.forEach((flags, answer) -> {
                    String patient = describe(type, flags, sweep.description());
                    invariants(sweep.patient(type, flags, today), answer, sweep.noted() == null, patient, broken);
                    for (RedFlag flag : RedFlag.values()) {
                        Set<RedFlag> more = EnumSet.of(flag);
                        more.addAll(flags);
                        monotone(answer, answers.get(Set.copyOf(more)), flags.size(), patient, flag.name(), broken);
                    }
                });
            }
        }
    }

    /** The red flags each row is tried with: none, each alone, all. */
    private static List<Set<RedFlag>> flagSets() {
        List<Set<RedFlag>> sets = new ArrayList<>();
        sets.add(Set.of());
        for (RedFlag flag : RedFlag.values()) {
            sets.add(Set.of(flag));
        }
        sets.add(Set.of(RedFlag.values()));
        return sets;
    }

    private static void invariants(PatientFacts patient, Assessment answer, boolean flagsCurrent, String described,
            Map<String, List<Case>> broken) {
        if (SafetyNet.givesPlan(answer)) {
            String decided = answer.decidedBy().stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
            SafetyNet.invariants(patient).stream().map(SafetyGate::noPlan).distinct().forEach(invariant -> broken
                    .computeIfAbsent(invariant, k -> new ArrayList<>()).add(new Case(patient.redFlags().size(),
                            described + " got one (" + answer.verdict() + ", decided by " + decided + ")")));
        }
        if (flagsCurrent && patient.redFlags().stream().anyMatch(RedFlag::isCaudaEquinaSign)
                && answer.verdict() != Verdict.EMERGENCY) {
            broken.computeIfAbsent("a current cauda equina sign must be an emergency", k -> new ArrayList<>())
                    .add(new Case(patient.redFlags().size(), described + " is " + answer.verdict()));
        }
    }

    private static String noPlan(SafetyNet.Invariant invariant) {
        return switch (invariant) {
            case CAUDA_EQUINA_SIGN, RED_FLAG -> "any red flag must give no mat plan";
            case UNCLEARED_RECENT_SURGERY -> "uncleared recent spinal surgery must give no mat plan";
            case UNCLEARED_STENOSIS -> "uncleared spinal stenosis must give no mat plan";
            case MENTIONED_RED_FLAG -> "a red flag the record names in words must give no mat plan";
            case UNREAD_RECORD_ENTRY -> "a record entry that could not be read must give no mat plan";
        };
    }

    private static void monotone(Assessment before, Assessment after, int flags, String described, String added,
            Map<String, List<Case>> broken) {
        if (before.verdict().isMoreSevereThan(after.verdict())) {
            broken.computeIfAbsent("adding a red flag must never lower the verdict", k -> new ArrayList<>())
                    .add(new Case(flags, described + " is " + before.verdict() + ", but with " + added + " added "
                            + after.verdict()));
        }
    }

    private static RuleProblem problem(String shownFolder, String message) {
        return new RuleProblem(Kind.SAFETY_INVARIANT, shownFolder, null, null, "safety invariant " + message);
    }

    private static String describe(SciaticaType type, Set<RedFlag> flags, String setting) {
        return type + (flags.isEmpty() ? " without red flags" : " with " + flags.stream().sorted().map(Enum::name)
                .collect(Collectors.joining(" and "))) + (setting.isEmpty() ? "" : " (" + setting + ")");
    }
}
