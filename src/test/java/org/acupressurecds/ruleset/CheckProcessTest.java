package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final CheckProcess CHECKS = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 10);

    @AfterAll
    static void end() {
        CHECKS.close();
    }

    @Test
    void theBundledRulesPassInTheCheckProcessAsTheVersionTheServiceWouldCompile() throws Exception {
        CheckProcess.Answer answer = CHECKS.check(RulesSnapshot.read(Path.of("rules")), null, null, null);

        assertEquals(List.of(), answer.problems());
        assertFalse(answer.tooSlow());
        assertEquals(RulesSnapshot.read(Path.of("rules")).version(), answer.version());
        assertNull(answer.diff());
        assertTrue(CHECKS.running(), "an idle check process is kept for the next check");
    }

    /**
     * A reload's check leaves the cores to the requests: its process runs niced, as the service starts it. Read while
     * it checks, before a load could have had it run again at the service's priority.
     */
    @Test
    void theCheckRunsNicedBesideTheRequests() throws Exception {
        try (CheckProcess checks = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 10)) {
            RulesSnapshot rules = RulesSnapshot.read(Path.of("rules"));
            CompletableFuture<CheckProcess.Answer> answer = CompletableFuture.supplyAsync(
                    () -> checks.check(rules, null, null, null));
            ProcessHandle checker = awaitChecker(checks);
            // nice(1) sets its niceness, then becomes java: read once it has
            while (!Files.readString(Path.of("/proc", Long.toString(checker.pid()), "comm")).strip().equals("java")) {
                Thread.sleep(1);
            }

            assertEquals(Math.min(19, niceness(ProcessHandle.current()) + 10), niceness(checker), "10 below this JVM");
            assertEquals(List.of(), answer.get().problems());
        }
    }

    private static ProcessHandle awaitChecker(CheckProcess checks) throws InterruptedException {
        while (checks.lastChecker().isEmpty()) {
            Thread.sleep(1);
        }
        return checks.lastChecker().get();
    }

    /**
     * A niced check that the load leaves next to no CPU is not starved: it is checked again at the service's priority.
     * Here the niced process is held stopped (SIGSTOP) from its start.
     */
    @Test
    void aNicedCheckStarvedByTheLoadIsCheckedAgainAtTheServicesPriority() throws Exception {
        try (CheckProcess checks = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 10)) {
            AtomicReference<ProcessHandle> held = new AtomicReference<>();
            Thread holder = new Thread(() -> holdStopped(checks, Duration.ofMinutes(1), held));
            holder.start();
            CheckProcess.Answer answer = checks.check(RulesSnapshot.read(Path.of("rules")), null, null, null);
            holder.interrupt();
            holder.join();

            assertEquals(List.of(), answer.problems());
            assertFalse(answer.tooSlow());
            ProcessHandle answered = checks.lastChecker().orElseThrow();
            assertNotEquals(held.get().pid(), answered.pid());
            assertFalse(held.get().isAlive(), "the starved process was ended");
            assertEquals(niceness(ProcessHandle.current()), niceness(answered), "checked again at this JVM's priority");
        }
    }

    @Test
    void aNicenessOutsideNicesRangeIsRefusedWithTheSettingsName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 20));
        assertEquals("cds.rules.check-niceness is 20: it is 0 to 19", refused.getMessage());
    }

    /** nice, field 19 of stat(5); fields after the command's name in parentheses start at 3 (state). */
    private static int niceness(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
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

    /**
     * The limit is the CPU time the check uses: a load that leaves it little of the cores makes it late, not "too
     * slow". Here its process is held stopped (SIGSTOP) longer than the limit, from its start, before its rules run.
     */
    @Test
    void aCheckLeftNoneOfTheCoresForLongerThanItsLimitIsLateNotTooSlow() throws Exception {
        try (CheckProcess checks = new CheckProcess(Duration.ofSeconds(12), Duration.ofMinutes(2), 0)) {
            Thread holder = new Thread(() -> holdStopped(checks, Duration.ofSeconds(14), new AtomicReference<>()));
            holder.start();
            long started = System.nanoTime();
            CheckProcess.Answer answer = checks.check(RulesSnapshot.read(Path.of("rules")), null, null, null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            holder.join();

            assertEquals(List.of(), answer.problems());
            assertFalse(answer.tooSlow());
            assertTrue(took.compareTo(Duration.ofSeconds(14)) > 0, "held stopped for 14 s, answered in " + took);
        }
    }

    /** A check that uses no CPU and does not answer either is ended by the clock, at four times its limit. */
    @Test
    void aCheckThatWaitsIsStoppedByTheClock() throws Exception {
        try (CheckProcess checks = new CheckProcess(Duration.ofSeconds(1), Duration.ofMinutes(2), 0)) {
            Thread holder = new Thread(() -> holdStopped(checks, Duration.ofMinutes(1), new AtomicReference<>()));
            holder.start();
            CheckProcess.Answer answer = checks.check(RulesSnapshot.read(Path.of("rules")), null, null, null);
            holder.interrupt();
            holder.join();

            assertTrue(answer.tooSlow());
            assertTrue(answer.problems().get(0).message().startsWith("the check did not finish within 1 s of CPU time "
                    + "(or 4 s on the clock) and was stopped"), answer.problems()::toString);
            Runaway.assertCheckerEnded(checks);
        }
    }

    /**
     * Stops the process the first check is sent to as soon as it is, for a while (or until interrupted); held, that
     * process.
     */
    private static void holdStopped(CheckProcess checks, Duration howLong, AtomicReference<ProcessHandle> held) {
        try {
            held.set(awaitChecker(checks));
            long pid = held.get().pid();
            signal("STOP", pid);
            try {
                Thread.sleep(howLong.toMillis());
            } catch (InterruptedException e) {
                // the check ended it
            } finally {
                signal("CONT", pid);
            }
        } catch (InterruptedException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        // a process the check ended meanwhile is no longer there to signal: kill says so, and it does not matter
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsStopped() throws Exception {
        try (CheckProcess impatient = new CheckProcess(Duration.ofMillis(200), Duration.ofMinutes(2), 10)) {
            CheckProcess.Answer answer = impatient.check(RulesSnapshot.read(Path.of("rules")), null, null, null);

            assertTrue(answer.tooSlow());
            assertTrue(answer.problems().get(0).message().startsWith("the check did not finish within 200 ms of CPU time "
                    + "(or 800 ms on the clock) and was stopped"), answer.problems()::toString);
            assertFalse(impatient.running());
        }
    }
}
