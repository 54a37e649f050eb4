package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A draft that runs away within everything a rule may say: 2,000 conclusions, each pair of them compared with every
 * other (some 4 billion comparisons over millions of partial matches). Its first evaluation ends in no reasonable
 * time or memory. And how much CPU the threads of this process, with the processes it started, use over a while:
 * after a runaway is stopped, next to none.
 */
public final class Runaway {

    public static final String FILE = "runaway.drl";
    public static final String DRAFT = countingTo(2000) + """

            rule "Every pair of counts is compared with every other count"
                @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
            when
                TimelineMilestone( $a : order )
                TimelineMilestone( $b : order, order > $a )
                TimelineMilestone( order > $b, order < $a )
            then
                insertLogical( new PlanPermitted( "x" ) );
            end
            """;

    /** A rule file whose rules conclude as many facts as the count, each from the one before. */
    static String countingTo(int count) {
        return """
                package rules;

                import org.acupressurecds.knowledge.*;

                rule "Every patient starts a count"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                when
                    PatientFacts()
                then
                    insertLogical( new TimelineMilestone( 1, "w", "e", "r" ) );
                end

                rule "Every count goes on to %d"
                    @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
                when
                    TimelineMilestone( $n : order, order < %d )
                then
                    insertLogical( new TimelineMilestone( $n + 1, "w", "e", "r" ) );
                end
                """.formatted(count, count);
    }

    private Runaway() {
    }

    /**
     * Over 2 s, the threads of this process and the processes it started use less than half a second of CPU; a
     * failure names the busiest. The JVM's own compilers and collector are not counted: they work after any busy
     * test, and a draft cannot run on them.
     */
    public static void assertBackToIdle() throws InterruptedException {
        Map<String, Long> before = cpuNanos();
        Thread.sleep(2000);
        // Each one's time in the window; one that ended meanwhile counts for nothing, a new one whole.
        Map<String, Long> used = new HashMap<>();
        cpuNanos().forEach((who, nanos) -> used.put(who, nanos - before.getOrDefault(who, 0L)));
        double seconds = used.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        String busiest = used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + ": " + e.getValue() / 1_000_000 + " ms").collect(Collectors.joining(", "));
        assertTrue(seconds < 0.5, "CPU back to idle: " + seconds + " s used in 2 s; the busiest: " + busiest);
    }

    /** CPU nanoseconds by thread of this process and by process started from it, each named with its id. */
    private static Map<String, Long> cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = thread == null ? -1 : threads.getThreadCpuTime(thread.getThreadId());
            if (nanos > 0) { // null or -1: the thread ended
                cpu.put("thread " + thread.getThreadId() + " (" + thread.getThreadName() + ")", nanos);
            }
        }
        ProcessHandle.current().descendants().forEach(p -> p.info().totalCpuDuration()
                .ifPresent(d -> cpu.put("process " + p.pid() + " (" + p.info().command().orElse("?") + ")", d.toNanos())));
        return cpu;
    }

    /**
     * The process the draft was checked in has ended. Named by its pid: other tests' idle check processes are this
     * JVM's descendants too.
     */
    static void assertCheckerEnded(CheckProcess checks) {
        ProcessHandle checker = checks.lastChecker().orElseThrow(() -> new AssertionError("no check process ran"));
        assertFalse(checker.isAlive(), "the process that ran the draft (" + checker.pid() + ") was ended");
    }
}
