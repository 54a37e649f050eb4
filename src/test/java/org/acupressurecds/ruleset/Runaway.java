package org.acupressurecds.ruleset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

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
     * CPU seconds the threads of this process and every process it started use over the window. The JVM's own
     * compilers and collector are not counted: they work after any busy test, and a draft cannot run on them.
     */
    public static double cpuSecondsOver(Duration window) throws InterruptedException {
        Map<Long, Long> before = cpuNanos();
        Thread.sleep(window.toMillis());
        // Each thread's or process's time in the window; one that ended meanwhile counts for nothing, a new one whole.
        return cpuNanos().entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                .sum() / 1e9;
    }

    /** CPU nanoseconds by thread of this process (positive ids) and by process started from it (negative pids). */
    private static Map<Long, Long> cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos > 0) { // -1: the thread ended
                cpu.put(id, nanos);
            }
        }
        ProcessHandle.current().descendants().forEach(p -> p.info().totalCpuDuration()
                .ifPresent(d -> cpu.put(-p.pid(), d.toNanos())));
        return cpu;
    }

    /** Whether a process this one started still runs the check. */
    public static boolean checkProcessRunning() {
        return ProcessHandle.current().descendants().anyMatch(p -> p.isAlive() && p.info().arguments()
                .map(args -> args.length > 0 && args[args.length - 1].equals(CheckServer.COMMAND)).orElse(false));
    }
}
