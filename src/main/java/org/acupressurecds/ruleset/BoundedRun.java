package org.acupressurecds.ruleset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * Evaluations of a rule set that is not serving yet, on a thread of their own: each within a time limit, and all
 * within another. A draft that hangs is reported, and the request that checks it gets its answer. The thread of an
 * evaluation that timed out is interrupted and left behind at low priority: Java cannot stop it harder.
 *
 * <p>The limits are the CPU time that thread uses, as the check's process is limited by its own: the check runs niced,
 * and a load that leaves it little of the cores makes it late, not "too slow". The clock ends, at {@link #ON_THE_CLOCK}
 * times a limit, an evaluation that waits rather than works.
 */
final class BoundedRun implements AutoCloseable {

    /** How much CPU time a check may take: per evaluation, and for all its evaluations (scenarios and safety gate). */
    record Limits(Duration perEvaluation, Duration overall) {
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    /** How many times a limit in CPU time a check may take on the clock. */
    static final int ON_THE_CLOCK = 4;

    /** The rule set did not answer in time; the message says which limit. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message);
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long OVERALL_EVERY = TimeUnit.SECONDS.toNanos(1);
    private static final ThreadMXBean JVM_THREADS = ManagementFactory.getThreadMXBean();
    /** A thread's CPU time in nanoseconds, or -1 where the JVM does not tell it (the clock is the limit then). */
    private static final ToLongFunction<Thread> CPU_TIME = t -> JVM_THREADS.isThreadCpuTimeSupported()
            ? JVM_THREADS.getThreadCpuTime(t.getId()) : -1;

    private final Limits limits;
    private final ToLongFunction<Thread> cpuTime;
    private final long started = System.nanoTime();
    private long overallLookedAt = started;
    private final Evaluator evaluator = new Evaluator();
    private volatile Thread evaluating;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-check-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        evaluating = t;
        return t;
    });
    private TimedOut timedOut;

    BoundedRun(Limits limits) {
        this(limits, CPU_TIME);
    }

    /** With the given measure of a thread's CPU time, for tests. */
    BoundedRun(Limits limits, ToLongFunction<Thread> cpuTime) {
        this.limits = limits;
        this.cpuTime = cpuTime;
    }

    /**
     * The answer, or TimedOut; once one evaluation timed out, every later one does at once. A thread's CPU time is
     * read only for an evaluation still running after its first poll (reading it costs more than a microsecond, an
     * evaluation a few dozen): that poll is counted whole as CPU time, so an evaluation is stopped at most one poll
     * early. The overall limit is looked at once a second, and at every poll.
     */
    Assessment evaluate(RuleSet rules, PatientFacts patient) {
        if (timedOut != null) {
            throw timedOut;
        }
        long now = System.nanoTime();
        if (now - overallLookedAt > OVERALL_EVERY) {
            overallLookedAt = now;
            if (overallSpent()) {
                throw timedOut = overallTimedOut();
            }
        }
        long poll = Math.max(1_000_000, Math.min(100_000_000, limits.perEvaluation().toNanos() / 4));
        Future<Assessment> answer = worker.submit(() -> evaluator.evaluate(rules, patient));
        Long cpuAtFirstPoll = null;
        try {
            for (;;) {
                try {
                    return answer.get(poll, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    long cpu = evaluatingCpu();
                    if (cpuAtFirstPoll == null) {
                        cpuAtFirstPoll = cpu;
                    }
                    long used = cpu < 0 || cpuAtFirstPoll < 0 ? -1 : cpu - cpuAtFirstPoll + poll;
                    if (spent(used, System.nanoTime() - now, limits.perEvaluation())) {
                        answer.cancel(true);
                        throw timedOut = new TimedOut("the rules did not answer within " + within(limits.perEvaluation())
                                + " (a condition or consequence that never ends, or one far too costly)");
                    }
                    if (overallSpent()) {
                        answer.cancel(true);
                        throw timedOut = overallTimedOut();
                    }
                }
            }
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

    /** The evaluating thread's CPU time so far: 0 before its first evaluation, -1 where it cannot be told. */
    private long evaluatingCpu() {
        Thread t = evaluating;
        return t == null ? 0 : cpuTime.applyAsLong(t);
    }

    private boolean overallSpent() {
        return spent(evaluatingCpu(), System.nanoTime() - started, limits.overall());
    }

    private TimedOut overallTimedOut() {
        return new TimedOut("the check did not finish within " + within(limits.overall())
                + ": the rules are too slow to serve");
    }

    /**
     * Whether CPU time (-1: not known, the clock decides) or the clock at ON_THE_CLOCK times the limit is past it: the
     * one measure of "too slow", for an evaluation here and for the check's process.
     */
    static boolean spent(long cpu, long clock, Duration limit) {
        return (cpu < 0 ? clock : cpu) > limit.toNanos() || clock > limit.toNanos() * ON_THE_CLOCK;
    }

    /** A limit as the messages say it: its CPU time, and the clock's cap. */
    static String within(Duration limit) {
        return seconds(limit) + " of CPU time (or " + seconds(limit.multipliedBy(ON_THE_CLOCK)) + " on the clock)";
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
