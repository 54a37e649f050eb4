package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.decision.RecordedImpactTest;
import org.acupressurecds.ruleset.RuleCheck;
import org.acupressurecds.ruleset.RulesFolder;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule author's check with --impact, reading the store the service is configured with, as the service is not running. */
@BesideTheService
class CommandLineImpactTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void aDraftFolderIsCheckedAndReplayedOnTheEmbeddedStoreItNames(@TempDir Path temp) throws Exception {
        Path records = temp.resolve("records");
        RecordedImpactTest.seed(RecordStore.embedded(MigratedH2.inFiles(records), "test"), temp.resolve("spool"),
                Instant.now());
        Path draft = temp.resolve("draft");
        RulesFolder.copyTo(draft);
        Files.writeString(draft.resolve(RulesFolder.DRAFT_FILE), RulesFolder.DRAFT);

        int exit = RuleCheck.run(new String[] {"check", draft.toString(), "--impact", "P30D"}, out,
                () -> ConfiguredStore.impact(Map.of("cds.records.embedded-path", records.toString())::get));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit, "the draft has a problem, and is replayed all the same: " + output);
        assertTrue(output.contains("FAILED: "), output);
        assertTrue(output.contains("Impact over P30D: 4 recorded decision(s) replayed in "), output);
        assertTrue(output.matches("(?s).*; 2 would change verdict\n  [A-Z_]+ → EMERGENCY: 2\n    e\\.g\\. \\{.*"),
                output);
        assertTrue(output.contains("\"painScore\":7"), output);
        assertTrue(output.contains("  would newly fire in 2: " + RulesFolder.DRAFT_RULE), output);
    }

    @Test
    void aStoreThatIsNotThereIsSaidAndNotCreated(@TempDir Path temp) {
        Path missing = temp.resolve("no-records-here");

        int exit = RuleCheck.run(new String[] {"check", "rules", "--impact", "P30D"}, out,
                () -> ConfiguredStore.impact(Map.of("cds.records.embedded-path", missing.toString())::get));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit, output);
        assertTrue(output.contains("OK: "), "the rules themselves pass: " + output);
        assertTrue(output.contains("The impact cannot be computed: the decisions to replay cannot be read"), output);
        assertTrue(Files.notExists(temp.resolve("no-records-here.mv.db")), "no empty store was made");
    }

    /** With the service running, its embedded store is locked: the check says what to do instead of H2's message. */
    @Test
    void aStoreTheServiceHoldsIsSaidSoWithWhatToDo(@TempDir Path temp) throws Exception {
        Path records = temp.resolve("records");
        RecordedImpactTest.seed(RecordStore.embedded(MigratedH2.inFiles(records), "test"), temp.resolve("spool"),
                Instant.now());
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldStore.class.getName(), records.toString())
                .redirectErrorStream(true).start();
        try (var holding = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("holding", holding.readLine(), "the other process opened the store");

            int exit = RuleCheck.run(new String[] {"check", "rules", "--impact", "P30D"}, out,
                    () -> ConfiguredStore.impact(Map.of("cds.records.embedded-path", records.toString())::get));

            String output = printed.toString(StandardCharsets.UTF_8);
            assertEquals(3, exit, output);
            assertTrue(output.contains("The impact cannot be computed: the embedded store is in use by the running "
                    + "service (only one process may open it); stop the service, or ask it: --service "
                    + "http://localhost:8080\n"), output);
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** Another process with the embedded store open, as the running service holds it. */
    public static final class HoldStore {
        public static void main(String[] args) throws Exception {
            try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + args[0], "cds", "")) {
                System.out.println("holding");
                Thread.sleep(60_000);
            }
        }
    }
}
