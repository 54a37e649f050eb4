package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.BesideTheService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@BesideTheService
class RulesWatcherTest {

    /**
     * A kubelet's ..data_tmp lives for a moment before it is renamed: a folder that is gone by the time the watcher
     * looks at it must not stop the watching.
     */
    @Test
    void foldersThatComeAndGoAtOnceDoNotStopTheWatcher(@TempDir Path folder) throws Exception {
        Semaphore changes = new Semaphore(0);
        try (RulesWatcher watcher = new RulesWatcher(folder, Duration.ofMillis(50), changes::release)) {
            long churnUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (int i = 0; System.nanoTime() < churnUntil; i++) {
                Path passing = Files.createDirectory(folder.resolve(i % 2 == 0 ? "..data_tmp" : "codes"));
                Files.delete(passing);
            }
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "the churn itself was seen");
            settle(changes);

            Files.writeString(folder.resolve("positions.drl"), "// an edit after the churn\n");

            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "an edit after the churn is seen");
        }
    }

    @Test
    void aScenariosFolderMadeAfterStartupIsWatchedToo(@TempDir Path folder) throws Exception {
        Semaphore changes = new Semaphore(0);
        try (RulesWatcher watcher = new RulesWatcher(folder, Duration.ofMillis(50), changes::release)) {
            Path scenarios = Files.createDirectory(folder.resolve("scenarios"));
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "the new folder was seen");
            settle(changes);

            Files.writeString(scenarios.resolve("new-case.yaml"), "# a case written into the new folder\n");

            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "a file written inside it is seen");
        }
    }

    /** Until a whole second passes without a call back: what follows is called back for the edit alone. */
    private static void settle(Semaphore changes) throws InterruptedException {
        while (changes.tryAcquire(1, TimeUnit.SECONDS)) {
            changes.drainPermits();
        }
    }
}
