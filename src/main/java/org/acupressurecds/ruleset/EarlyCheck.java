package org.acupressurecds.ruleset;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.acupressurecds.engine.EngineLogging;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;

/**
 * The startup check of the rules folder, begun in main() on a thread of its own while Quarkus boots: the first
 * compile in a JVM takes about 2 s, and the two overlap. It is the whole check (compile, lint, scenarios, safety
 * gate), except for rules this very build passed when it was packaged ({@link PackagedCheck}), which are compiled and
 * linted only; the reloader serves its result at startup only if the folder still holds what was checked.
 */
public final class EarlyCheck {

    private record Begun(Path folder, CompletableFuture<RuleCheck.Candidate> candidate) {
    }

    private static volatile Begun begun;

    private EarlyCheck() {
    }

    /** Begins the check; its result, for a test to wait on (the reloader takes it with take). */
    public static CompletableFuture<RuleCheck.Candidate> begin(Path folder) {
        EngineLogging.asTheServiceDoes(); // Quarkus has not configured logging yet
        CompletableFuture<RuleCheck.Candidate> candidate = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                RulesSnapshot snapshot = RulesSnapshot.read(folder);
                candidate.complete(PackagedCheck.passed(snapshot)
                        ? RuleCheck.passedAtPackaging(new RuleSetLoader(), snapshot)
                        : RuleCheck.check(new RuleSetLoader(), new ScenarioRunner(), snapshot));
            } catch (Throwable e) {
                candidate.completeExceptionally(e);
            }
        }, "early-rule-check");
        thread.setDaemon(true);
        begun = new Begun(folder.toAbsolutePath().normalize(), candidate);
        thread.start();
        return candidate;
    }

    /**
     * The early check of the folder, once it is done, or null when none was begun for it or it failed to run (the
     * reloader then checks the folder itself, and reports what it finds). Taken once.
     */
    static RuleCheck.Candidate take(Path folder) {
        Begun early = begun;
        begun = null;
        if (early == null || !early.folder().equals(folder.toAbsolutePath().normalize())) {
            return null;
        }
        try {
            return early.candidate().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }
}
