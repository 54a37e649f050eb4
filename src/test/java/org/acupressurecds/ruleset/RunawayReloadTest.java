package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.ruleset.ReloadOutcome.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A runaway saved into the rules folder is checked in its own process: rejected, stopped, and the service idle.
 * Idle is measured on this whole process, so no {@link BesideTheService} class runs meanwhile.
 */
@ResourceLock(BesideTheService.SECOND_CORE)
class RunawayReloadTest {

    @TempDir
    Path rules;

    @Test
    void aDraftThatRunsAwayIsRejectedStoppedAndTheOldRulesServe() throws Exception {
        RulesFolder.copyTo(rules);
        RuleService service = new RuleService();
        try (CheckProcess checks = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 10)) {
            RuleReloader reloader = new RuleReloader(service, entry -> { }, RuleReloaderTest.NO_IMPACT, checks, rules,
                    false, Duration.ofMillis(100));
            reloader.start();
            try {
                RuleSet serving = service.current();
                Files.writeString(rules.resolve(Runaway.FILE), Runaway.DRAFT);

                ReloadOutcome outcome = reloader.reload(false, "a test");

                assertEquals(Status.REJECTED, outcome.status());
                assertSame(serving, service.current());
                Runaway.assertCheckerEnded(checks);
                Runaway.assertBackToIdle();
            } finally {
                reloader.stop();
            }
        }
    }
}
