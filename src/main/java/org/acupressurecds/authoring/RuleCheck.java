package org.acupressurecds.authoring;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;

/**
 * The check a rule set must pass to be served: every name in it is allowed, it compiles, follows the lint, every
 * scenario holds and so do the safety invariants, all within time limits. The same
 * check runs at reload, behind POST /api/v1/ruleset/validate, and from the command line without a server:
 * {@code ./mvnw -q compile exec:java -Dexec.args="check rules"}.
 */
public final class RuleCheck {

    /** A rule set built off to the side, with what its checks found. */
    public record Candidate(RuleSet rules, List<Scenario.Located> scenarios, List<RuleProblem> problems) {
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
        }
        return new Candidate(candidate, scenarios, problems);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Prints each problem as file:line: message and a summary; 0 when the rules pass, 1 when not, 2 on bad usage. */
    static int run(String[] args, PrintStream out) {
        if (args.length != 2 || !args[0].equals("check")) {
            out.println("usage: check <rules folder>   e.g. ./mvnw -q compile exec:java -Dexec.args=\"check rules\"");
            return 2;
        }
        Path folder = Path.of(args[1].replaceAll("/+$", ""));
        if (!Files.isDirectory(folder)) {
            out.println(folder + ": no such folder");
            return 2;
        }
        try {
            Candidate candidate = check(new RuleSetLoader(), new ScenarioRunner(), folder, Map.of());
            candidate.problems().forEach(out::println);
            long failed = candidate.problems().stream().filter(p -> p.message().startsWith("scenario ")).count();
            long unsafe = candidate.problems().stream().filter(p -> p.message().startsWith("safety invariant ")).count();
            out.printf("%s: %d rules, version %s; %d scenarios: %d passed, %d failed; %d safety invariant(s) broken; "
                    + "%d lint problem(s)%n", candidate.problems().isEmpty() ? "OK" : "FAILED",
                    candidate.rules().rules().size(), candidate.rules().version(), candidate.scenarios().size(),
                    candidate.scenarios().size() - failed, failed, unsafe, candidate.problems().size() - failed - unsafe);
            return candidate.problems().isEmpty() ? 0 : 1;
        } catch (RuleSetException e) {
            e.problems().forEach(out::println);
            out.printf("FAILED: %d problem(s); the rules cannot be loaded%n", e.problems().size());
            return 1;
        }
    }
}
