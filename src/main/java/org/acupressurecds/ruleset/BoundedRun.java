package org.acupressurecds.ruleset;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * Evaluations of a rule set that is not serving yet, on a thread of their own: each within a time limit, and all
 * within another. A draft that hangs is reported, and the request that checks it gets its answer. The thread of an
 * evaluation that timed out is interrupted and left behind at low priority: Java cannot stop it harder.
 */
final class BoundedRun implements AutoCloseable {

    /** How long a check may take: per evaluation, and for the whole check (scenarios and safety invariants). */
    record Limits(Duration perEvaluation, Duration overall) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    /** The rule set did not answer in time; the message says which limit. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message);
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Limits limits;
    private final long deadline;
    private final Evaluator evaluator = new Evaluator();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-check-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private TimedOut timedOut;

    BoundedRun(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.overall().toNanos();
    }

    /** The answer, or TimedOut; once one evaluation timed out, every later one does at once. */
    Assessment evaluate(RuleSet rules, PatientFacts patient) {
        if (timedOut != null) {
            throw timedOut;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut = new TimedOut("the check did not finish within " + seconds(limits.overall())
                    + ": the rules are too slow to serve");
        }
        Future<Assessment> answer = worker.submit(() -> evaluator.evaluate(rules, patient));
        try {
            return answer.get(Math.min(left, limits.perEvaluation().toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw timedOut = new TimedOut("the rules did not answer within " + seconds(limits.perEvaluation())
                    + " (a condition or consequence that never ends, or one far too costly)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimedOut("the check was interrupted");
        }
    }

    /** An evaluation or the whole run ran out of time. */
    boolean timedOut() {
        return timedOut != null;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
