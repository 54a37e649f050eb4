package org.acupressurecds.ruleset;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * A draft that runs away within everything a rule may say: 2,000 conclusions, each pair of them compared with every
 * other (some 4 billion comparisons over millions of partial matches). Its first evaluation ends in no reasonable
 * time or memory. And how much CPU this process, with
 * the processes it started, uses over a while: after a runaway is stopped, next to none.
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

    /** CPU seconds this process and every process it started use over the window. */
    public static double cpuSecondsOver(Duration window) throws InterruptedException {
        long before = cpuNanos();
        Thread.sleep(window.toMillis());
        return (cpuNanos() - before) / 1e9;
    }

    private static long cpuNanos() {
        long own = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return own + ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** Whether a process this one started still runs the check. */
    public static boolean checkProcessRunning() {
        return ProcessHandle.current().descendants().anyMatch(p -> p.isAlive() && p.info().arguments()
                .map(args -> args.length > 0 && args[args.length - 1].equals(CheckServer.COMMAND)).orElse(false));
    }
}
