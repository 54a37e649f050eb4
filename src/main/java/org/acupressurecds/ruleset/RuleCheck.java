package org.acupressurecds.ruleset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.knowledge.Guide;

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
     * of time, so the rules are not run on anything more (no impact); passedAtPackaging: its scenarios and the safety
     * gate were not run again, as this very build passed them on these very rules when it was packaged.
     */
    public record Candidate(RuleSet rules, List<Scenario.Located> scenarios, List<RuleProblem> problems,
            boolean tooSlow, boolean passedAtPackaging) {

        /** The draft's impact on the decisions of the period, or null when it is too slow to replay. */
        public ImpactAnalysis.Impact impact(ImpactAnalysis analysis, Period period) {
            return tooSlow ? null : analysis.of(rules, period);
        }

        /**
         * The draft's answers beside the given rules' (those serving, with their scenarios, to tell which the author
         * edited), or null when it is too slow or fails on a patient: its problems say why.
         */
        public DecisionDiff diff(RuleSet serving, List<Scenario.Located> servingScenarios, ScenarioRunner runner) {
            if (tooSlow) {
                return null;
            }
            try {
                return DecisionDiff.of(serving, servingScenarios, this, runner);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private RuleCheck() {
    }

    /** Compiles the snapshot, lints it and runs its scenarios and the safety gate. */
    public static Candidate check(RuleSetLoader loader, ScenarioRunner runner, RulesSnapshot rules)
            throws RuleSetException {
        RuleSet candidate = loader.load(rules);
        List<Scenario.Located> scenarios = ScenarioFiles.read(rules);
        List<RuleProblem> problems = new ArrayList<>(RuleLint.check(candidate, rules.folder()));
        try (BoundedRun bounded = runner.bounded()) {
            problems.addAll(runner.run(candidate, scenarios, bounded));
            problems.addAll(SafetyGate.check(candidate, bounded, rules.folder()));
            return new Candidate(candidate, scenarios, problems, bounded.timedOut(), false);
        }
    }

    /**
     * Compiles and lints the snapshot, whose scenarios and safety gate this build passed when it was packaged
     * ({@link PackagedCheck}): the rest of the check is what a rule set's compile and lint cannot change.
     */
    static Candidate passedAtPackaging(RuleSetLoader loader, RulesSnapshot rules) throws RuleSetException {
        RuleSet candidate = loader.load(rules);
        return new Candidate(candidate, ScenarioFiles.read(rules), RuleLint.check(candidate, rules.folder()), false,
                true);
    }

    private static final ObjectMapper FACTS_JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    static final String USAGE = "usage: check <rules folder> [--against <serving rules folder> [--all]] "
            + "[--impact <ISO period, e.g. P30D> [--service <URL>]] | check <rules folder> --uses <name>\n"
            + "  e.g. java -jar quarkus-run.jar check rules --against ../serving/rules --impact P30D   (or, from the "
            + "source tree, ./mvnw -q compile exec:java -Dexec.args=\"check rules\")\n"
            + "  --against shows the scenarios that answer differently or that you edited (--all: every scenario) "
            + "with both folders' answers side by side, and the verdicts that change over a grid of patients\n"
            + "  --impact replays the decisions on record of the period; with the service running, --service "
            + "http://localhost:8080 asks it (a rule author's token in CDS_TOKEN)\n"
            + "  --uses painScore lists every rule, scenario, code row and local policy that names it (a fact, field, "
            + "value, rule, code or policy, by its whole name; rules through the facts concluded from it too), "
            + "without checking";

    /** The command line: the folder, and the options given (null when not). */
    private record Options(Path folder, Path against, boolean all, Period impact, URI service, String uses) {

        /** The options, or null with the reason printed, for exit code 2. */
        static Options parse(String[] args, PrintStream out) {
            if (args.length < 2 || !args[0].equals("check")) {
                out.println(USAGE);
                return null;
            }
            Map<String, String> options = new HashMap<>();
            boolean all = false;
            for (int i = 2; i < args.length; i++) {
                if (args[i].equals("--all") && !all) {
                    all = true;
                } else if (!List.of("--against", "--impact", "--service", "--uses").contains(args[i]) || i + 1 == args.length
                        || options.put(args[i], args[++i]) != null) {
                    out.println(USAGE);
                    return null;
                }
            }
            if (all && !options.containsKey("--against")) {
                out.println("--all lists every scenario beside the rules of --against: give both\n" + USAGE);
                return null;
            }
            if (options.containsKey("--service") && !options.containsKey("--impact")) {
                out.println("--service asks the running service for the impact: give --impact too\n" + USAGE);
                return null;
            }
            URI service;
            try {
                service = options.containsKey("--service") ? URI.create(options.get("--service")) : null;
                if (service != null && (service.getScheme() == null || !service.getScheme().startsWith("http"))) {
                    throw new IllegalArgumentException("not http");
                }
            } catch (IllegalArgumentException e) {
                out.println("--service " + options.get("--service") + ": the service's address, e.g. "
                        + "http://localhost:8080");
                return null;
            }
            if (options.containsKey("--uses") && options.size() > 1) {
                out.println("--uses only lists mentions: give it alone\n" + USAGE);
                return null;
            }
            Period period;
            try {
                period = options.containsKey("--impact") ? Period.parse(options.get("--impact")) : null;
            } catch (DateTimeParseException e) {
                out.println("--impact " + options.get("--impact") + ": not an ISO 8601 period; e.g. P30D (30 days), "
                        + "P6M, P1Y");
                return null;
            }
            Path folder = folder(args[1]);
            Path against = options.containsKey("--against") ? folder(options.get("--against")) : null;
            for (Path f : against == null ? List.of(folder) : List.of(folder, against)) {
                if (!Files.isDirectory(f)) {
                    out.println(f + ": no such folder");
                    return null;
                }
            }
            return new Options(folder, against, all, period, service, options.get("--uses"));
        }

        private static Path folder(String arg) {
            return Path.of(arg.replaceAll("(.)/+$", "$1"));
        }
    }

    /**
     * Prints each problem as file:line: message and a summary, then the answers beside those of the rules in
     * --against, then the impact, when asked for: 0 when the rules pass, 1 when not, 2 on bad usage, 3 when the
     * decisions on record or the rules to compare with cannot be read. With --uses, only lists the mentions of the
     * term: 0 when there are some, 1 when none.
     */
    public static int run(String[] args, PrintStream out, Supplier<ImpactAnalysis> recorded) {
        Options options = Options.parse(args, out);
        if (options == null) {
            return 2;
        }
        if (options.uses() != null) {
            List<RuleUses.Use> uses;
            try {
                uses = RuleUses.of(RulesSnapshot.read(options.folder()), options.uses());
            } catch (RuleSetException e) {
                e.problems().forEach(out::println);
                return 1;
            } catch (RuleUses.NotAName e) {
                out.println(e.getMessage());
                return 1;
            }
            uses.forEach(out::println);
            out.printf("%s: %d use(s) in rules, scenarios, code tables and local policies%n", options.uses(),
                    uses.size());
            return uses.isEmpty() ? 1 : 0;
        }
        RuleSetLoader loader = new RuleSetLoader();
        ScenarioRunner runner = new ScenarioRunner();
        Candidate candidate;
        RulesSnapshot snapshot;
        try {
            snapshot = RulesSnapshot.read(options.folder());
            candidate = check(loader, runner, snapshot);
        } catch (RuleSetException e) {
            e.problems().forEach(out::println);
            out.printf("FAILED: %s; %d problem(s)%n", e.problems().stream().map(p -> p.kind().headline()).distinct()
                    .collect(Collectors.joining("; ")), e.problems().size());
            return 1;
        }
        candidate.problems().forEach(out::println);
        long failed = candidate.problems().stream().filter(p -> p.is(Kind.SCENARIO)).count();
        long unsafe = candidate.problems().stream().filter(p -> p.is(Kind.SAFETY_INVARIANT)).count();
        out.printf("%s: %d rules, version %s; %d scenarios: %d passed, %d failed; %d safety invariant(s) broken; "
                + "%d lint problem(s)%n", candidate.problems().isEmpty() ? "OK" : "FAILED",
                candidate.rules().rules().size(), candidate.rules().version(), candidate.scenarios().size(),
                candidate.scenarios().size() - failed, failed, unsafe, candidate.problems().size() - failed - unsafe);
        GuideCitation.coverage(candidate.rules(), Guide.shipped()).uncited().forEach(u -> out.printf(
                "warning: no rule cites the guide's section \"%s\" (%s:%d)%n", u.heading(), Guide.FILE, u.line()));
        // A family's stem is checked for its shape only: say what each stands for, so an author can review it.
        candidate.rules().codes().families().forEach(family -> out.println("  " + family.inWords()));
        int verdict = candidate.problems().isEmpty() ? 0 : 1;
        if (options.against() != null) {
            RuleSet serving;
            List<Scenario.Located> servingScenarios;
            try {
                RulesSnapshot against = RulesSnapshot.read(options.against());
                serving = loader.load(against);
                servingScenarios = ScenarioFiles.read(against);
            } catch (RuleSetException e) {
                out.println("The rules in " + options.against() + " to compare with cannot be loaded:");
                e.problems().forEach(p -> out.println("  " + p));
                return 3;
            }
            DecisionDiff diff = candidate.diff(serving, servingScenarios, runner);
            if (diff == null) {
                out.println("The answers were not compared: the rules fail or are too slow (above).");
            } else {
                print(diff, options.against(), options.all(), out);
            }
        }
        if (options.impact() == null) {
            return verdict;
        }
        if (options.service() != null) {
            try {
                print(ServiceImpact.of(options.service(), System.getenv("CDS_TOKEN"), snapshot, options.impact()), out);
                return verdict;
            } catch (ServiceImpact.Refused e) {
                out.println("The impact cannot be computed: " + e.getMessage());
                return 3;
            }
        }
        try {
            ImpactAnalysis.Impact impact = candidate.impact(recorded.get(), options.impact());
            if (impact == null) {
                out.println("The impact was not computed: the rules are too slow to replay on the record.");
                return verdict;
            }
            print(impact, out);
            return verdict;
        } catch (RuntimeException e) {
            out.println("The impact cannot be computed: " + (inUse(e) ? "the embedded store is in use by the running "
                    + "service (only one process may open it); stop the service, or ask it: --service "
                    + "http://localhost:8080" : e.getMessage() + (e.getCause() == null ? ""
                    : " (" + e.getCause().getMessage().lines().findFirst().orElse("") + ")")));
            return 3;
        }
    }

    /** H2's "database may be already in use" (90020): another process, the service, holds the embedded store. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /**
     * The scenarios that answer differently or that the author edited, each on one line with the rules that differ
     * (and the edit's diff), then the others counted in one line (listed with --all); then the grid's verdict
     * transitions.
     */
    private static void print(DecisionDiff diff, Path against, boolean all, PrintStream out) {
        out.printf("Answers: %s (%s) beside %s (this folder); %d of %d scenario(s) answer differently, %d edited%n",
                diff.servingVersion(), against, diff.draftVersion(), diff.scenariosChanged(), diff.scenarios().size(),
                diff.scenariosEdited());
        long same = 0;
        for (DecisionDiff.ScenarioAnswers s : diff.scenarios()) {
            if (!s.changed() && !s.edited() && !all) {
                same++;
                continue;
            }
            String edited = s.edited() ? " (edited)" : "";
            if (s.serving() == null) {
                out.printf("  %s:%d: \"%s\"%s: its patient is not valid (above)%n", s.file(), s.line(), s.name(), edited);
            } else {
                out.printf("  %s %s:%d: \"%s\"%s: %s | %s%n", s.changed() ? "≠" : "=", s.file(), s.line(), s.name(),
                        edited, brief(s.serving()), brief(s.draft()));
                printFired(s.stoppingFiring(), s.newlyFiring(), out);
            }
            if (s.scenarioDiff() != null) {
                s.scenarioDiff().lines().forEach(line -> out.println("      " + line));
            }
        }
        if (same > 0) {
            out.printf("  = %d other scenario(s) answer the same and were not edited (--all lists them)%n", same);
        }
        DecisionDiff.Grid grid = diff.grid();
        out.printf("Grid: %d patient(s) (every sciatica type; no red flag or each alone; pain none or 0-10; spinal "
                + "surgery around 6 months); %d would change verdict%n", grid.patients(), grid.verdictsChanged());
        for (DecisionDiff.Transition t : grid.transitions()) {
            out.printf("  %s → %s: %d%n", t.from(), t.to(), t.count());
            for (DecisionDiff.Example e : t.examples()) {
                out.printf("    e.g. %s%n", e.patient());
                printFired(e.firedOnlyByServing(), e.firedOnlyByDraft(), out);
            }
        }
    }

    private static void printFired(List<String> noLonger, List<String> newly, PrintStream out) {
        noLonger.forEach(r -> out.printf("      no longer fires: %s%n", r));
        newly.forEach(r -> out.printf("      newly fires:     %s%n", r));
    }

    private static String brief(DecisionDiff.Answer a) {
        return a.verdict() + (a.stars() == null ? "" : " " + "★".repeat(a.stars())) + ", " + a.rulesFired().size()
                + " rules fired";
    }

    private static void print(ImpactAnalysis.Impact impact, PrintStream out) {
        out.printf("Impact over %s: %d recorded decision(s) replayed in %d ms; %d would change verdict%n",
                impact.period(), impact.decisions(), impact.millis(),
                impact.transitions().stream().mapToLong(ImpactAnalysis.Transition::count).sum());
        for (ImpactAnalysis.Transition t : impact.transitions()) {
            out.printf("  %s → %s: %d%n", t.from(), t.to(), t.count());
            for (ImpactAnalysis.Example e : t.examples()) {
                out.printf("    e.g. %s%n", json(e.facts()));
                printFired(e.stoppingFiring(), e.newlyFiring(), out);
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
