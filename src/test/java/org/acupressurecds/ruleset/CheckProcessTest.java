package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RulesSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Drafts are checked in a process of their own: a draft that runs away is stopped with its process, and nothing of
 * it keeps running in the service or anywhere else. That is measured on this whole process, so no
 * {@link BesideTheService} class runs meanwhile.
 */
@ResourceLock(BesideTheService.SECOND_CORE)
class CheckProcessTest {

    private static final CheckProcess CHECKS = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2));

    @AfterAll
    static void end() {
        CHECKS.close();
    }

    @Test
    void theBundledRulesPassInTheCheckProcessAsTheVersionTheServiceWouldCompile() throws Exception {
        CheckProcess.Answer answer = CHECKS.check(RulesSnapshot.read(Path.of("rules")), null, null, null);

        assertEquals(java.util.List.of(), answer.problems());
        assertFalse(answer.tooSlow());
        assertEquals(RulesSnapshot.read(Path.of("rules")).version(), answer.version());
        assertNull(answer.diff());
        assertTrue(CHECKS.running(), "an idle check process is kept for the next check");
    }

    @Test
    void aRunawayDraftIsStoppedAndNothingKeepsRunning() throws Exception {
        long started = System.nanoTime();
        CheckProcess.Answer answer = CHECKS.check(
                RulesSnapshot.read(Path.of("rules")).with(Map.of(Runaway.FILE, Runaway.DRAFT)), null, null, null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(answer.tooSlow(), answer.toString());
        assertFalse(answer.problems().isEmpty());
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "answered in " + took);
        assertFalse(CHECKS.running(), "the process that ran the draft was ended");
        Runaway.assertCheckerEnded(CHECKS);
        Runaway.assertBackToIdle();
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsStopped() throws Exception {
        try (CheckProcess impatient = new CheckProcess(Duration.ofMillis(200), Duration.ofMinutes(2))) {
            CheckProcess.Answer answer = impatient.check(RulesSnapshot.read(Path.of("rules")), null, null, null);

            assertTrue(answer.tooSlow());
            assertTrue(answer.problems().get(0).message().startsWith("the check did not finish within 200 ms and was "
                    + "stopped"), answer.problems()::toString);
            assertFalse(impatient.running());
        }
    }
}
