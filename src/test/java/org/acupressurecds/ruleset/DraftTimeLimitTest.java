package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A draft whose rules take too long is reported as a problem: the check answers, whatever the draft does. */
class DraftTimeLimitTest {

    /**
     * Within what rules may say, but quadratic work on every evaluation: 3,000 facts concluded one from another, each
     * compared with all the others (a second or more on this machine), bounded all the same.
     */
    private static final String SLOW = Runaway.countingTo(3000) + """

            rule "Every count is compared with every other"
                @source("Quick Answer: Does Acupressure Mat Help Sciatica?")
            when
                TimelineMilestone( $n : order )
                not TimelineMilestone( order < $n, order > $n )
            then
                insertLogical( new PlanPermitted( "x" ) );
            end
            """;

    @Test
    void aDraftThatDoesNotAnswerInTimeIsAProblemAndTheCheckReturns(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        ScenarioRunner runner = new ScenarioRunner(new BoundedRun.Limits(Duration.ofMillis(200), Duration.ofSeconds(5)));

        long started = System.nanoTime();
        RuleCheck.Candidate candidate = RuleCheck.check(new RuleSetLoader(), runner, RulesSnapshot.read(copy).with(Map.of("slow.drl", SLOW)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<RuleProblem> problems = candidate.problems();
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("scenario ")
                && p.message().endsWith("the rules did not answer within 200 ms of CPU time (or 800 ms on the clock) "
                        + "(a condition or consequence that never ends, or one far too costly)")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("safety invariant could not be checked: ")),
                problems::toString);
        assertEquals(1, problems.stream().filter(p -> p.message().startsWith("scenario ")).count(),
                "the scenarios stop at the first that times out");
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the check took " + took);
        assertNull(candidate.impact(new ImpactAnalysis() {
            @Override
            public Impact of(org.acupressurecds.engine.RuleSet draft, java.time.Period period) {
                throw new AssertionError("a draft too slow to check is not replayed on the record");
            }

            @Override
            public long export(java.time.Period period, Path file) {
                throw new AssertionError("a draft too slow to check is not replayed on the record");
            }
        }, java.time.Period.ofDays(30)));
    }

    /**
     * The limit is the CPU time of the thread that evaluates, so a load that leaves it none of the cores makes the
     * check late, not the draft "too slow": here that thread is said to use none, and only the clock's cap, four times
     * the limit, ends the evaluation.
     */
    @Test
    void anEvaluationTheLoadLeavesNoCoreIsStoppedByTheClockAtFourTimesItsLimit(@TempDir Path copy) throws Exception {
        RulesFolder.copyTo(copy);
        RuleSet slow = new RuleSetLoader().load(RulesSnapshot.read(copy).with(Map.of("slow.drl", SLOW)));
        PatientFacts patient = PatientFacts.builder(SciaticaType.PIRIFORMIS_SYNDROME, LocalDate.now()).build();
        Duration limit = Duration.ofMillis(50);

        try (BoundedRun starved = new BoundedRun(new BoundedRun.Limits(limit, Duration.ofSeconds(5)), thread -> 0)) {
            long started = System.nanoTime();
            BoundedRun.TimedOut late = assertThrows(BoundedRun.TimedOut.class, () -> starved.evaluate(slow, patient));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals("the rules did not answer within 50 ms of CPU time (or 200 ms on the clock) (a condition or "
                    + "consequence that never ends, or one far too costly)", late.getMessage());
            assertTrue(took.compareTo(limit.multipliedBy(BoundedRun.ON_THE_CLOCK)) >= 0,
                    "stopped after " + took + " on the clock, before the clock's cap");
            assertTrue(starved.timedOut());
        }
    }
}
