package org.acupressurecds.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.ruleset.ReloadOutcome.Status;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload on a copy of the real rules: what an author sees when editing them while the service runs. Runs beside the
 * service's tests (its own folder, check process and rule service); a runaway's reload, which measures the whole
 * process's CPU, is {@link RunawayReloadTest}.
 */
@BesideTheService
class RuleReloaderTest {

    private static final String PRIMARY_DURATION = "\"15-20 minutes\", 15, 20,";

    @TempDir
    Path rules;

    /** Where drafts are checked, as in the service; one process for the whole class, so it stays warm. */
    private static final CheckProcess CHECKS = new CheckProcess(Duration.ofSeconds(90), Duration.ofMinutes(2), 10);
    /** No test here asks for an impact. */
    static final ImpactAnalysis NO_IMPACT = new ImpactAnalysis() {
        @Override
        public Impact of(RuleSet draft, java.time.Period period) {
            throw new AssertionError("no impact was asked for");
        }

        @Override
        public long export(java.time.Period period, Path file) {
            throw new AssertionError("no impact was asked for");
        }
    };

    private final RuleService service = new RuleService();
    private final List<RuleSetJournal.Entry> journal = new java.util.concurrent.CopyOnWriteArrayList<>();
    private RuleReloader reloader;

    @BeforeEach
    void copyRules() throws Exception {
        RulesFolder.copyTo(rules);
    }

    @AfterEach
    void stop() throws Exception {
        if (reloader != null) {
            reloader.stop();
        }
    }

    @AfterAll
    static void endTheCheckProcess() {
        CHECKS.close();
    }

    private RuleReloader start(boolean watch) {
        reloader = new RuleReloader(service, journal::add, NO_IMPACT, CHECKS, rules, watch, Duration.ofMillis(100));
        reloader.start();
        return reloader;
    }

    private void edit(String file, String from, String to) throws Exception {
        Path path = rules.resolve(file);
        String text = Files.readString(path);
        assertTrue(text.contains(from), from);
        Files.writeString(path, text.replace(from, to));
    }

    private String primaryDuration() {
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 24);
        PatientFacts patient = PatientFacts.builder(SciaticaType.LUMBAR_PARASPINAL_TENSION, today)
                .screenedRedFlags(java.util.Set.of()).painScore(3, today).build();
        return service.assess(patient).positions().stream().filter(p -> p.id() == PositionId.LUMBAR_GLUTEAL_SUPINE)
                .findFirst().orElseThrow().duration();
    }

    @Test
    void startupServesTheFolderAndSaysSo() {
        start(false);

        ReloadOutcome outcome = reloader.lastReload();
        assertEquals(Status.SERVED, outcome.status());
        assertNull(outcome.versionBefore());
        assertEquals(service.current().version(), outcome.candidateVersion());
        assertEquals("15-20 minutes", primaryDuration());
    }

    /** The check begun in main() while Quarkus boots is what serves at startup: the folder is checked once. */
    @Test
    void theEarlyCheckServesAtStartup() {
        RuleCheck.Candidate early = EarlyCheck.begin(rules).join();

        start(false);

        assertSame(early.rules(), service.current());
    }

    @Test
    void aFolderEditedAfterTheEarlyCheckIsCheckedAgainAtStartup() throws Exception {
        RuleCheck.Candidate stale = EarlyCheck.begin(rules).join();
        edit("positions.drl", PRIMARY_DURATION, "\"15-25 minutes\", 15, 25,");

        start(false);

        assertNotEquals(stale.rules().version(), service.current().version());
        assertEquals("15-25 minutes", primaryDuration());
    }

    /**
     * One read of the folder per reload and per validation: the version, the check in its own process, the compile
     * that serves, the warm-up and the journal's diff all take the same bytes, however fast an editor saves.
     */
    @Test
    void aReloadAndAValidationEachReadTheFolderOnce() throws Exception {
        start(false);
        edit("positions.drl", PRIMARY_DURATION, "\"15-25 minutes\", 15, 25,");

        double before = folderReads();
        ReloadOutcome outcome = reloader.reload(false, "a test");
        assertEquals(1, folderReads() - before, "reads of the folder by one reload");
        assertEquals(Status.SERVED, outcome.status());
        RuleSetJournal.Entry reload = journal.get(journal.size() - 1);
        assertEquals(service.current().version(), RulesSnapshot.ofText(rules.toString(), reload.after()).version(),
                "the journal keeps the bytes that were served");

        before = folderReads();
        reloader.validate(java.util.Map.of(RulesFolder.DRAFT_FILE, RulesFolder.DRAFT), "a test", null);
        assertEquals(1, folderReads() - before, "reads of the folder by one validation");
    }

    /** The service's count of rules-folder reads (a meter registry is added, as Quarkus adds one when it runs). */
    private static double folderReads() {
        if (Metrics.globalRegistry.getRegistries().isEmpty()) {
            Metrics.addRegistry(new SimpleMeterRegistry());
        }
        return Metrics.globalRegistry.get("cds.ruleset.folder.reads").counter().count();
    }

    @Test
    void anEditedRuleIsServedAsANewVersionOnReload() throws Exception {
        start(false);
        String before = service.current().version();
        edit("positions.drl", PRIMARY_DURATION, "\"15-25 minutes\", 15, 25,");

        ReloadOutcome outcome = reloader.reload(false, "a test");

        assertEquals(Status.SERVED, outcome.status());
        assertEquals(before, outcome.versionBefore());
        assertNotEquals(before, service.current().version());
        assertEquals("15-25 minutes", primaryDuration());
    }

    @Test
    void aBrokenEditKeepsTheOldRulesServingAndSaysFileAndLine() throws Exception {
        start(false);
        RuleSet serving = service.current();
        edit("positions.drl", "PatientFacts( sedentaryWork == true )", "PatientFacts( sedentryWork == true )");

        ReloadOutcome outcome = reloader.reload(false, "a test");

        assertEquals(Status.REJECTED, outcome.status());
        assertSame(serving, service.current());
        RuleProblem problem = outcome.problems().get(0);
        assertEquals(rules + "/positions.drl", problem.file());
        String edited = Files.readString(rules.resolve("positions.drl"));
        assertEquals(edited.substring(0, edited.indexOf("sedentryWork")).split("\n", -1).length, problem.line());
        assertTrue(problem.message().contains("sedentryWork"), problem.message());
        assertEquals(outcome, reloader.lastReload());
    }

    @Test
    void identicalContentIsANoOp() throws Exception {
        start(false);
        RuleSet serving = service.current();
        edit("positions.drl", PRIMARY_DURATION, PRIMARY_DURATION);

        assertEquals(Status.UNCHANGED, reloader.reload(false, "a test").status());
        assertSame(serving, service.current());
    }

    @Test
    void rulesWhoseScenariosFailAreNotServedEvenWhenForced() throws Exception {
        start(false);
        RuleSet serving = service.current();
        edit("positions.drl", "PatientFacts( sedentaryWork == true )", "PatientFacts( referredLegPain == true )");

        ReloadOutcome rejected = reloader.reload(false, "a test");
        assertEquals(Status.REJECTED, rejected.status());
        assertSame(serving, service.current());
        assertTrue(rejected.problems().get(0).message().startsWith(
                "scenario \"Desk work or travel adds the seated gluteal position\""), rejected.problems()::toString);

        ReloadOutcome forced = reloader.reload(true, "a test");
        assertEquals(Status.REJECTED, forced.status());
        assertTrue(forced.forced());
        assertSame(serving, service.current());
    }

    @Test
    void rulesThatBreakASafetyInvariantAreNotServedEvenWhenForced() throws Exception {
        start(false);
        RuleSet serving = service.current();
        // Foot drop demoted from an urgent referral to a caution: the plan would be given.
        edit("contraindications.drl", "Verdict.URGENT_REFERRAL", "Verdict.CAUTION");

        for (boolean force : new boolean[] {false, true}) {
            ReloadOutcome outcome = reloader.reload(force, "a test");
            assertEquals(Status.REJECTED, outcome.status());
            assertSame(serving, service.current());
            assertTrue(outcome.problems().stream().anyMatch(p -> p.message().startsWith(
                    "safety invariant any red flag must give no mat plan: ")), outcome.problems()::toString);
        }
    }

    @Test
    void aScenarioOnlyEditIsANewVersionCheckedLikeADrlEditAndAWrongOneIsRejected() throws Exception {
        start(false);
        String serving = service.current().version();
        edit("scenarios/positions.yaml", "expect: {verdict: SUITABLE, positionsPresent: [LUMBAR_GLUTEAL_SUPINE, "
                + "SIDE_LYING_PIRIFORMIS]", "expect: {verdict: CAUTION, positionsPresent: [LUMBAR_GLUTEAL_SUPINE, "
                + "SIDE_LYING_PIRIFORMIS]");

        ReloadOutcome wrong = reloader.reload(false, "a test");

        assertEquals(Status.REJECTED, wrong.status());
        assertNotEquals(serving, wrong.candidateVersion(), "the scenarios are part of the version");
        assertEquals(serving, wrong.servingVersion());
        assertTrue(wrong.problems().stream().anyMatch(p -> p.file().endsWith("scenarios/positions.yaml")
                && p.line() == 7 && p.message().contains("verdict SUITABLE, expected CAUTION")), wrong.problems()::toString);

        edit("scenarios/positions.yaml", "expect: {verdict: CAUTION, positionsPresent: [LUMBAR_GLUTEAL_SUPINE, "
                + "SIDE_LYING_PIRIFORMIS]", "expect: {verdict: SUITABLE, positionsPresent: [LUMBAR_GLUTEAL_SUPINE, "
                + "SIDE_LYING_PIRIFORMIS], rulesFired: [\"Piriformis syndrome or one-sided sciatica adds side-lying piriformis "
                + "on the affected side\"]");
        ReloadOutcome stricter = reloader.reload(false, "a test");
        assertEquals(Status.SERVED, stricter.status(), stricter.problems()::toString);
        assertNotEquals(serving, service.current().version());
    }

    @Test
    void aRuleCitingASectionTheGuideDoesNotHaveIsRefusedAtReload() throws Exception {
        start(false);
        String serving = service.current().version();
        edit("contraindications.drl", "@source(\"When NOT to Use an Acupressure Mat",
                "@source(\"Contraindications > Severe pain\")\n    // @source(\"When NOT to Use an Acupressure Mat");

        ReloadOutcome outcome = reloader.reload(false, "a test");

        assertEquals(Status.REJECTED, outcome.status());
        assertEquals(serving, service.current().version());
        assertTrue(outcome.problems().stream().anyMatch(p -> p.file().endsWith("contraindications.drl")
                && p.message().contains("cites \"Contraindications > Severe pain\": \"Contraindications\" is not a "
                        + "section heading of the guide")),
                outcome.problems()::toString);
    }

    @Test
    void aRevertAfterARejectionClearsItsProblemsFromTheLastAttempt() throws Exception {
        start(false);
        String serving = service.current().version();
        edit("positions.drl", "PatientFacts( sedentaryWork == true )", "PatientFacts( sedentryWork == true )");
        assertEquals(Status.REJECTED, reloader.reload(false, "a test").status());
        edit("positions.drl", "PatientFacts( sedentryWork == true )", "PatientFacts( sedentaryWork == true )");

        reloader.reload(false, "a test");

        ReloadOutcome last = reloader.lastReload();
        assertEquals(Status.UNCHANGED, last.status());
        assertTrue(last.problems().isEmpty());
        assertEquals(serving, last.servingVersion());
    }

    @Test
    void forceChecksAndServesUnchangedRulesAgain() {
        start(false);

        ReloadOutcome forced = reloader.reload(true, "a test");

        assertEquals(Status.SERVED, forced.status());
        assertTrue(forced.forced());
        assertEquals(forced.versionBefore(), forced.candidateVersion());
    }

    @Test
    void aRuleNameUsedTwiceIsAProblem() throws Exception {
        start(false);
        Files.writeString(rules.resolve("extra.drl"), """
                package rules;
                import org.acupressurecds.knowledge.*;

                rule "Referred leg pain adds the leg position"
                    @source("FAQ > Can I use acupressure mat on my leg for sciatica?")
                when
                    PlanPermitted()
                then
                end
                """);

        ReloadOutcome outcome = reloader.reload(false, "a test");

        assertEquals(Status.REJECTED, outcome.status());
        assertTrue(outcome.problems().stream().anyMatch(p -> p.message().contains("Referred leg pain adds the leg position")
                && p.file().endsWith(".drl") && p.line() != null), outcome.problems()::toString);
    }

    @Test
    void anEmptiedFolderIsRejected() throws Exception {
        start(false);
        try (var drl = Files.list(rules)) {
            for (Path file : drl.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.delete(file);
            }
        }

        ReloadOutcome outcome = reloader.reload(false, "a test");

        assertEquals(Status.REJECTED, outcome.status());
        assertEquals("no .drl rule files in the rules folder", outcome.problems().get(0).message());
    }

    @Test
    void everyAttemptIsJournalledWithWhoAskedAndTheDiffOfWhatChanged() throws Exception {
        start(false);
        edit("positions.drl", PRIMARY_DURATION, "\"15-25 minutes\", 15, 25,");

        reloader.reload(false, "'author1'");
        reloader.reload(false, "'author1'");

        assertEquals(List.of(RuleSetJournal.Kind.LOAD, RuleSetJournal.Kind.RELOAD, RuleSetJournal.Kind.RELOAD),
                journal.stream().map(RuleSetJournal.Entry::kind).toList());
        RuleSetJournal.Entry served = journal.get(1);
        assertEquals("'author1'", served.actor());
        assertEquals("SERVED", served.outcome());
        assertEquals(journal.get(0).versionAfter(), served.versionBefore());
        assertTrue(served.before().get("positions.drl").contains(PRIMARY_DURATION));
        assertTrue(served.after().get("positions.drl").contains("\"15-25 minutes\", 15, 25,"));
        assertEquals("UNCHANGED", journal.get(2).outcome());
        assertEquals(served.after(), journal.get(2).before(), "the served files are what the next attempt compares with");
    }

    @Test
    void startupRefusesRulesThatDoNotCompileAndSaysFileAndLine() {
        reloader = new RuleReloader(service, journal::add, NO_IMPACT, CHECKS, Path.of("src/test/resources/rulesets/syntax-error"), false,
                Duration.ZERO);

        IllegalStateException e = assertThrows(IllegalStateException.class, reloader::start);

        assertTrue(e.getMessage().contains("src/test/resources/rulesets/syntax-error/positions.drl:9: [ERR 102]"), e.getMessage());
    }

    @Test
    void theWatcherServesAnEdit() throws Exception {
        start(true);
        String before = service.current().version();

        edit("positions.drl", PRIMARY_DURATION, "\"15-25 minutes\", 15, 25,");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // liveness, not speed
        while (service.current().version().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("15-25 minutes", primaryDuration());
    }

    /**
     * A ConfigMap mounted as a folder: the kubelet writes each version into a new hidden folder, points ..data at it
     * with one atomic rename, and the visible names are symlinks through ..data.
     */
    @Test
    void theWatcherFollowsAConfigMapUpdatedByTheKubeletsSymlinkSwap(@TempDir Path mount) throws Exception {
        kubeletWrites(mount, rules, "01");
        reloader = new RuleReloader(service, journal::add, NO_IMPACT, CHECKS, mount, true, Duration.ofMillis(100));
        reloader.start();
        String before = service.current().version();
        assertEquals("15-20 minutes", primaryDuration());

        edit("positions.drl", PRIMARY_DURATION, "\"15-25 minutes\", 15, 25,");
        kubeletWrites(mount, rules, "02");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // liveness, not speed
        while (service.current().version().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("15-25 minutes", primaryDuration());
        assertEquals(Status.SERVED, reloader.lastReload().status());
        assertEquals(rules.toFile().list().length + 2, mount.toFile().list().length, "the visible names, ..data "
                + "and one version folder");
    }

    private static void kubeletWrites(Path mount, Path source, String stamp) throws Exception {
        Path version = mount.resolve("..2026_11_25_" + stamp);
        try (var files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = version.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path staged = mount.resolve("..data_tmp");
        Files.createSymbolicLink(staged, version.getFileName());
        Files.move(staged, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try (var names = Files.list(version)) {
            for (Path name : names.toList()) {
                Path visible = mount.resolve(name.getFileName().toString());
                if (!Files.exists(visible, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(visible, Path.of("..data").resolve(name.getFileName().toString()));
                }
            }
        }
        try (var old = Files.list(mount)) {
            for (Path folder : old.filter(p -> p.getFileName().toString().startsWith("..2026")
                    && !p.equals(version)).toList()) {
                try (var files = Files.walk(folder)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    @Test
    void replacedRuleSetsAreReleased() throws Exception {
        start(false);
        List<WeakReference<Object>> replaced = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // every one must go: a set kept anywhere fails it
            replaced.add(new WeakReference<>(service.current().kieBase()));
            edit("positions.drl", "\"10-20 minutes during work\",", "\"10-20 minutes during work\", // " + i + "\n");
            assertEquals(Status.SERVED, reloader.reload(false, "a test").status());
        }
        for (int i = 0; i < 20 && replaced.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(0, replaced.stream().filter(r -> r.get() != null).count(), "old rule bases still reachable");
    }
}
