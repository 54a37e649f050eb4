package org.acupressurecds.ruleset;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.acupressurecds.engine.EngineLogging;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;

/**
 * The process where drafts are checked and run (started by {@link CheckProcess}): one request per line on its input,
 * one answer per line on its output, until its input ends. Every evaluation of a rule set that is not serving yet
 * happens here: the scenarios, the safety gate, the answers beside the serving rules, the replay of the decisions on
 * record. Nothing else writes to its output: the engine's logging goes to its error stream.
 */
public final class CheckServer {

    /** The command that starts it: {@code java -jar quarkus-run.jar checker}. */
    public static final String COMMAND = "checker";

    private CheckServer() {
    }

    /** Serves requests until its input ends; 0 then. */
    public static int run(ImpactAnalysis.Replay replay) {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        EngineLogging.asTheServiceDoes();
        RuleSetLoader loader = new RuleSetLoader();
        ScenarioRunner runner = new ScenarioRunner();
        try (BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = requests.readLine(); line != null; line = requests.readLine()) {
                CheckProcess.Answer answer;
                try {
                    answer = answer(line, loader, runner, replay);
                } catch (RuntimeException e) {
                    answer = new CheckProcess.Answer(null, List.of(new RuleProblem(Kind.CHECK, "(check)", null, null,
                            "the check failed: " + e.getMessage())), false, null, null);
                }
                answers.println(CheckProcess.JSON.writeValueAsString(answer));
            }
        } catch (IOException e) {
            return 1;
        }
        return 0;
    }

    private static CheckProcess.Answer answer(String line, RuleSetLoader loader, ScenarioRunner runner,
            ImpactAnalysis.Replay replay) {
        CheckProcess.Request request;
        try {
            request = CheckProcess.JSON.readValue(line, CheckProcess.Request.class);
        } catch (IOException e) {
            return new CheckProcess.Answer(null, List.of(new RuleProblem(Kind.CHECK, "(check)", null, null,
                    "the request could not be read: " + e.getMessage())), false, null, null);
        }
        RuleCheck.Candidate candidate;
        try {
            candidate = RuleCheck.check(loader, runner, RulesSnapshot.of(request.folder(), request.files()));
        } catch (RuleSetException e) {
            return new CheckProcess.Answer(null, e.problems(), false, null, null);
        }
        DecisionDiff diff = null;
        if (request.against() != null) {
            try {
                RulesSnapshot serving = RulesSnapshot.ofText("serving rules", request.against());
                diff = candidate.diff(loader.load(serving), ScenarioFiles.read(serving), runner);
            } catch (RuleSetException e) {
                // the rules serving load in the service; only a broken copy fails here, and then there is no diff
            }
        }
        ImpactAnalysis.Impact impact = null;
        if (request.impactRows() != null && !candidate.tooSlow()) {
            impact = replay.of(candidate.rules(), request.impactPeriod(), Path.of(request.impactRows()));
        }
        return new CheckProcess.Answer(candidate.rules().version(), candidate.problems(), candidate.tooSlow(), diff,
                impact);
    }
}
