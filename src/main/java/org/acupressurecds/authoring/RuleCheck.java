package org.acupressurecds.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;

/**
 * The check a rule set must pass to be served: every name in it is allowed, it compiles, follows the lint, every
 * scenario holds and so do the safety invariants, all within time limits. The same
 * check runs at reload, behind POST /api/v1/ruleset/validate, and from the command line without a server
 * ({@code java -jar quarkus-run.jar check rules}, or {@code ./mvnw -q compile exec:java -Dexec.args="check rules"}),
 * where {@code --impact P30D} also replays the decisions on record against the rules checked.
 */
public final class RuleCheck {

    /**
     * A rule set built off to the side, with what its checks found; tooSlow: an evaluation or the whole check ran out
     * of time, so the rules are not run on anything more (no impact).
     */
    public record Candidate(RuleSet rules, List<Scenario.Located> scenarios, List<RuleProblem> problems,
            boolean tooSlow) {

        /** The draft's impact on the decisions of the period, or null when it is too slow to replay. */
        public ImpactAnalysis.Impact impact(ImpactAnalysis analysis, Period period) {
            return tooSlow ? null : analysis.of(rules, period);
        }
    }

    private RuleCheck() {
    }

    /** Compiles the folder with the overlay (DRL file name to content) in place, lints it and runs its scenarios. */
    public static Candidate check(RuleSetLoader loader, ScenarioRunner runner, Path folder, Map<String, String> overlay)
            throws RuleSetException {
        RuleSet candidate = loader.load(folder, overlay);
        List<Scenario.Located> scenarios = ScenarioFiles.read(folder);
        List<RuleProblem> problems = new ArrayList<>(RuleLint.check(candidate,
                RuleSetLoader.readRuleFiles(folder, folder.toString(), overlay), folder.toString()));
        try (BoundedRun bounded = runner.bounded()) {
            problems.addAll(runner.run(candidate, scenarios, bounded));
            problems.addAll(SafetyGate.check(candidate, bounded, folder.toString()));
            return new Candidate(candidate, scenarios, problems, bounded.timedOut());
        }
    }

    private static final ObjectMapper FACTS_JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    static final String USAGE = "usage: check <rules folder> [--impact <ISO period, e.g. P30D> | --uses <term>]\n"
            + "  e.g. java -jar quarkus-run.jar check rules --impact P30D   (or, from the source tree, "
            + "./mvnw -q compile exec:java -Dexec.args=\"check rules\")\n"
            + "  --uses painScore lists every rule, scenario and code row that mentions it, without checking";

    /**
     * Prints each problem as file:line: message and a summary, then the impact when asked for: 0 when the rules
     * pass, 1 when not, 2 on bad usage, 3 when the decisions on record cannot be read. With --uses, only lists the
     * mentions of the term: 0 when there are some, 1 when none.
     */
    public static int run(String[] args, PrintStream out, Supplier<ImpactAnalysis> recorded) {
        boolean impactAsked = args.length == 4 && args[2].equals("--impact");
        boolean usesAsked = args.length == 4 && args[2].equals("--uses");
        if (!(args.length == 2 || impactAsked || usesAsked) || !args[0].equals("check")) {
            out.println(USAGE);
            return 2;
        }
        Period period;
        try {
            period = impactAsked ? Period.parse(args[3]) : null;
        } catch (DateTimeParseException e) {
            out.println("--impact " + args[3] + ": not an ISO 8601 period; e.g. P30D (30 days), P6M, P1Y");
            return 2;
        }
        Path folder = Path.of(args[1].replaceAll("/+$", ""));
        if (!Files.isDirectory(folder)) {
            out.println(folder + ": no such folder");
            return 2;
        }
        if (usesAsked) {
            List<RuleUses.Use> uses = RuleUses.of(folder, args[3]);
            uses.forEach(out::println);
            out.printf("%s: %d mention(s) in rules, scenarios and code tables%n", args[3], uses.size());
            return uses.isEmpty() ? 1 : 0;
        }
        Candidate candidate;
        try {
            candidate = check(new RuleSetLoader(), new ScenarioRunner(), folder, Map.of());
        } catch (RuleSetException e) {
            e.problems().forEach(out::println);
            out.printf("FAILED: %d problem(s); the rules cannot be loaded%n", e.problems().size());
            return 1;
        }
        candidate.problems().forEach(out::println);
        long failed = candidate.problems().stream().filter(p -> p.message().startsWith("scenario ")).count();
        long unsafe = candidate.problems().stream().filter(p -> p.message().startsWith("safety invariant ")).count();
        out.printf("%s: %d rules, version %s; %d scenarios: %d passed, %d failed; %d safety invariant(s) broken; "
                + "%d lint problem(s)%n", candidate.problems().isEmpty() ? "OK" : "FAILED",
                candidate.rules().rules().size(), candidate.rules().version(), candidate.scenarios().size(),
                candidate.scenarios().size() - failed, failed, unsafe, candidate.problems().size() - failed - unsafe);
        int verdict = candidate.problems().isEmpty() ? 0 : 1;
        if (period == null) {
            return verdict;
        }
        try {
            ImpactAnalysis.Impact impact = candidate.impact(recorded.get(), period);
            if (impact == null) {
                out.println("The impact was not computed: the rules are too slow to replay on the record.");
                return verdict;
            }
            print(impact, out);
            return verdict;
        } catch (RuntimeException e) {
            out.println("The impact cannot be computed: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage().lines().findFirst().orElse("") + ")"));
            return 3;
        }
    }

    private static void print(ImpactAnalysis.Impact impact, PrintStream out) {
        out.printf("Impact over %s: %d recorded decision(s) replayed in %d ms; %d would change verdict%n",
                impact.period(), impact.decisions(), impact.millis(),
                impact.transitions().stream().mapToLong(ImpactAnalysis.Transition::count).sum());
        for (ImpactAnalysis.Transition t : impact.transitions()) {
            out.printf("  %s → %s: %d%n", t.from(), t.to(), t.count());
            for (ImpactAnalysis.Example e : t.examples()) {
                out.printf("    e.g. %s%n      before: %s%n      after:  %s%n", json(e.facts()), e.rulesBefore(),
                        e.rulesAfter());
            }
        }
        impact.newlyFiring().forEach((rule, n) -> out.printf("  would newly fire in %d: %s%n", n, rule));
        impact.stoppingFiring().forEach((rule, n) -> out.printf("  would stop firing in %d: %s%n", n, rule));
    }

    private static String json(Object facts) {
        try {
            return FACTS_JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            return String.valueOf(facts);
        }
    }
}
