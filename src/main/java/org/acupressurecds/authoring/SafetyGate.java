package org.acupressurecds.authoring;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;

/**
 * The safety invariants, as a gate every rule set passes before it serves, at startup and at every reload, whatever
 * flag is passed: any red flag, however long ago it was noted, gives no plan; a current cauda equina sign is an
 * emergency; adding a red flag never lowers the verdict; uncleared recent spinal surgery gives no plan. They are checked on every sciatica type with every combination of red flags, in a few
 * clinical settings: a few thousand evaluations.
 */
final class SafetyGate {

    /** Examples shown per broken invariant; the rest are counted. */
    private static final int EXAMPLES = 3;

    /** A clinical setting the red flags are combined with; flagsNoted: when the red flags were noted, null for today. */
    private record Setting(String description, boolean screened, Integer pain, boolean recentSurgery,
            Boolean clearance, Boolean largeDisc, Laterality side, Period flagsNoted) {

        PatientFacts patient(SciaticaType type, Set<RedFlag> flags, LocalDate today) {
            return PatientFacts.builder(type, today)
                    .redFlags(flags, screened, flag -> flagsNoted == null ? null : today.minus(flagsNoted))
                    .painScore(pain, today)
                    .spinalSurgery(recentSurgery ? true : null, recentSurgery ? today.minusMonths(2) : null)
                    .medicalClearance(clearance, today)
                    .largeDiscHerniationWithImpingement(largeDisc)
                    .referredLegPain(largeDisc)
                    .sedentaryWork(largeDisc)
                    .laterality(side)
                    .build();
        }

        boolean unclearedSurgery() {
            return recentSurgery && !Boolean.TRUE.equals(clearance);
        }

        boolean flagsCurrent() {
            return flagsNoted == null;
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("pain 5", true, 5, false, null, null, null, null),
            new Setting("pain 9, a large herniation with impingement, left-sided", true, 9, false, null, true,
                    Laterality.LEFT, null),
            new Setting("spinal surgery 2 months ago, not cleared", true, 3, true, false, null, null, null),
            new Setting("spinal surgery 2 months ago, cleared", true, 3, true, true, null, Laterality.RIGHT, null),
            new Setting("from an EHR record, no pain score", false, null, false, null, null, null, null),
            new Setting("from an EHR record, red flags noted 10 years ago", false, 4, false, true, null, null,
                    Period.ofYears(10)));

    private SafetyGate() {
    }

    /** The broken invariants, with examples; none when the rule set is safe to serve. */
    static List<RuleProblem> check(RuleSet rules, BoundedRun run, String shownFolder) {
        return check(shownFolder, patient -> run.evaluate(rules, patient));
    }

    static List<RuleProblem> check(String shownFolder, Function<PatientFacts, Assessment> assess) {
        LocalDate today = LocalDate.now();
        Map<String, List<String>> broken = new java.util.LinkedHashMap<>();
        try {
            for (SciaticaType type : SciaticaType.values()) {
                for (Setting setting : SETTINGS) {
                    Map<Set<RedFlag>, Assessment> answers = new HashMap<>();
                    for (Set<RedFlag> flags : RedFlag.everyCombination()) {
                        answers.put(flags, assess.apply(setting.patient(type, flags, today)));
                    }
                    answers.forEach((flags, answer) -> {
                        String patient = describe(type, flags, setting);
                        if (!flags.isEmpty() && answer.hasPlan()) {
                            broken.computeIfAbsent("any red flag must give no mat plan", k -> new ArrayList<>())
                                    .add(patient + " got one (" + answer.verdict() + ")");
                        }
                        if (setting.flagsCurrent() && flags.stream().anyMatch(RedFlag::isCaudaEquinaSign)
                                && answer.verdict() != Verdict.EMERGENCY) {
                            broken.computeIfAbsent("a current cauda equina sign must be an emergency",
                                    k -> new ArrayList<>()).add(patient + " is " + answer.verdict());
                        }
                        if (setting.unclearedSurgery() && answer.hasPlan()) {
                            broken.computeIfAbsent("uncleared recent spinal surgery must give no mat plan",
                                    k -> new ArrayList<>()).add(patient + " got one (" + answer.verdict() + ")");
                        }
                        for (RedFlag flag : RedFlag.values()) {
                            Set<RedFlag> more = EnumSet.of(flag);
                            more.addAll(flags);
                            Verdict after = answers.get(Set.copyOf(more)).verdict();
                            if (answer.verdict().isMoreSevereThan(after)) {
                                broken.computeIfAbsent("adding a red flag must never lower the verdict",
                                        k -> new ArrayList<>()).add(patient + " is " + answer.verdict()
                                                + ", but with " + flag + " added " + after);
                            }
                        }
                    });
                }
            }
        } catch (BoundedRun.TimedOut e) {
            return List.of(problem(shownFolder, "could not be checked: " + e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(problem(shownFolder, "could not be checked: the rules failed (" + e.getMessage() + ")"));
        }
        List<RuleProblem> problems = new ArrayList<>();
        broken.forEach((invariant, cases) -> problems.add(problem(shownFolder, invariant + ": "
                + cases.stream().sorted().limit(EXAMPLES).collect(Collectors.joining("; "))
                + (cases.size() > EXAMPLES ? "; and " + (cases.size() - EXAMPLES) + " more" : ""))));
        return problems;
    }

    private static RuleProblem problem(String shownFolder, String message) {
        return new RuleProblem(shownFolder, null, null, "safety invariant " + message);
    }

    private static String describe(SciaticaType type, Set<RedFlag> flags, Setting setting) {
        return type + (flags.isEmpty() ? " without red flags" : " with " + flags.stream().sorted().map(Enum::name)
                .collect(Collectors.joining(" and "))) + " (" + setting.description() + ")";
    }
}
