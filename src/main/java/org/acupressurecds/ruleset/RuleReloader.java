package org.acupressurecds.ruleset;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.acupressurecds.engine.RuleProblem;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetException;
import org.acupressurecds.engine.RuleSetLoader;
import org.acupressurecds.engine.RulesSnapshot;
import org.jboss.logging.Logger;

/**
 * Loads the rules folder at startup and again whenever it changes (or on request). A new rule set is checked off to
 * the side (compiled, linted, run on the authors' scenarios and the safety gate), and only then swapped in whole; one
 * that fails keeps the previous one serving and publishes its problems. After startup every check of rules that do
 * not serve yet, reloads and validations alike, runs in a process of its own ({@link CheckProcess}), where a draft
 * that runs away is stopped; the service then compiles the version that passed, and serves it. At startup the check
 * runs in the service itself: rules that run away there stop the service from starting, and it ends.
 */
@Startup
@ApplicationScoped
public class RuleReloader {

    private static final Logger LOG = Logger.getLogger(RuleReloader.class);
    /** A cold rule base answers its first requests slowly; this many evaluations warm it (before a reload serves). */
    static final int WARM_UP_EVALUATIONS = 300;

    private final RuleService rules;
    private final Path folder;
    private final boolean watch;
    private final Duration debounce;
    private final RuleSetLoader loader = new RuleSetLoader();
    private final ScenarioRunner scenarios = new ScenarioRunner();
    private final RuleSetJournal journal;
    private final ImpactAnalysis impact;
    private final CheckProcess isolated;
    private volatile ReloadOutcome lastReload;
    /** The serving version as a metric: one row, version=..., value 1 (the usual "info" gauge). */
    private final MultiGauge servingVersion = MultiGauge.builder("cds.ruleset.info")
            .description("The rule-set version serving, as its label").register(Metrics.globalRegistry);
    private Map<String, String> servingSources = Map.of();
    private RulesWatcher watcher;

    @Inject
    RuleReloader(RuleService rules, RuleSetJournal journal, ImpactAnalysis impact, CheckProcess isolated,
            CdsConfig config) {
        this(rules, journal, impact, isolated, config.rules().dir(), config.rules().watch(), config.rules().debounce());
    }

    /** isolated: where drafts are checked. */
    RuleReloader(RuleService rules, RuleSetJournal journal, ImpactAnalysis impact, CheckProcess isolated, Path folder,
            boolean watch, Duration debounce) {
        this.rules = rules;
        this.journal = journal;
        this.impact = impact;
        this.folder = folder;
        this.watch = watch;
        this.debounce = debounce;
        this.isolated = isolated;
    }

    @PostConstruct
    void start() {
        ReloadOutcome outcome = reload(false, "startup");
        if (outcome.status() != ReloadOutcome.Status.SERVED) {
            LOG.errorf("The rules in %s cannot be served, so the service will not start.", folder.toAbsolutePath());
            throw new IllegalStateException("rules cannot be served:\n  " + describe(outcome.problems()));
        }
        if (watch) {
            try {
                watcher = new RulesWatcher(folder, debounce, () -> reload(false, "the rules-folder watcher"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot watch " + folder.toAbsolutePath(), e);
            }
        }
    }

    @PreDestroy
    void stop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    /**
     * One reload attempt, kept in the journal with who asked (actor). force checks and serves the folder again even
     * when its content has not changed (to re-run its checks); it never serves a rule set with problems: no flag
     * bypasses the checks.
     */
    public synchronized ReloadOutcome reload(boolean force, String actor) {
        long started = System.nanoTime();
        RuleSet before = rules.current();
        String versionBefore = before == null ? null : before.version();
        RulesSnapshot snapshot = null;
        ReloadOutcome outcome;
        try {
            snapshot = RulesSnapshot.read(folder); // the one read: everything below takes these bytes
            if (before != null && !force && snapshot.version().equals(versionBefore)) {
                outcome = outcome(ReloadOutcome.Status.UNCHANGED, versionBefore, versionBefore, started, false, List.of());
            } else if (before == null) {
                RuleCheck.Candidate early = EarlyCheck.take(folder);
                RuleCheck.Candidate candidate = early != null && early.rules().version().equals(snapshot.version())
                        ? early : RuleCheck.check(loader, scenarios, snapshot);
                boolean serve = candidate.problems().isEmpty();
                if (candidate.passedAtPackaging()) {
                    LOG.infof("Rules %s passed their scenarios and the safety gate when this build was packaged (%s): "
                            + "compiled and linted now, not gated again", candidate.rules().version(),
                            PackagedCheck.RECORD);
                }
                if (serve) {
                    rules.serve(candidate.rules());
                    warmUpBeside(candidate);
                }
                outcome = outcome(serve ? ReloadOutcome.Status.SERVED : ReloadOutcome.Status.REJECTED, null,
                        candidate.rules().version(), started, force, candidate.problems());
            } else {
                outcome = reloadChecked(snapshot, versionBefore, started, force);
            }
        } catch (RuleSetException e) {
            outcome = outcome(ReloadOutcome.Status.REJECTED, versionBefore, null, started, force, e.problems());
        }
        lastReload = outcome; // the last attempt, whatever it did: a revert's UNCHANGED clears a rejection's problems
        log(outcome);
        Timer.builder("cds.ruleset.reloads").tag("outcome", outcome.status().name())
                .description("Loads and reloads of the rules folder, by outcome").register(Metrics.globalRegistry)
                .record(Duration.ofMillis(outcome.durationMillis()));
        if (rules.current() != null) {
            servingVersion.register(List.of(MultiGauge.Row.of(Tags.of("version", rules.current().version()), 1)), true);
        }
        Map<String, String> sources = snapshot == null ? Map.of() : snapshot.sources();
        journal.record(new RuleSetJournal.Entry(before == null ? RuleSetJournal.Kind.LOAD : RuleSetJournal.Kind.RELOAD,
                actor, outcome.at(), outcome.versionBefore(), outcome.candidateVersion(), outcome.status().name(),
                outcome.problems(), servingSources, sources));
        if (outcome.status() == ReloadOutcome.Status.SERVED) {
            servingSources = sources;
        }
        return outcome;
    }

    /**
     * The first rule set's warm-up, beside the first requests: nothing serves before it, so serving at once gives the
     * first answer a second sooner, and a warm-up held back would only delay it. A reload warms up before it serves,
     * as requests are then being answered by the rules it replaces.
     */
    private void warmUpBeside(RuleCheck.Candidate candidate) {
        Thread warmUp = new Thread(() -> {
            try {
                scenarios.warmUp(candidate.rules(), candidate.scenarios(), WARM_UP_EVALUATIONS);
            } catch (RuntimeException e) { // the rules passed their checks: only a slower first request is at stake
                LOG.warnf("The first rule set's warm-up stopped: %s", e.getClass().getName());
            }
        }, "rules-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * The snapshot checked in the check's own process; if it passes, the same bytes are compiled here, warmed up and
     * served. An edit made meanwhile is the watcher's next reload.
     */
    private ReloadOutcome reloadChecked(RulesSnapshot snapshot, String versionBefore, long started, boolean force)
            throws RuleSetException {
        CheckProcess.Answer checked = isolated.check(snapshot, null, null, null);
        if (!checked.problems().isEmpty() || checked.version() == null) {
            return outcome(ReloadOutcome.Status.REJECTED, versionBefore, checked.version(), started, force,
                    checked.problems());
        }
        RuleSet passed = loader.load(snapshot);
        scenarios.warmUp(passed, ScenarioFiles.read(snapshot), WARM_UP_EVALUATIONS);
        rules.serve(passed);
        return outcome(ReloadOutcome.Status.SERVED, versionBefore, passed.version(), started, force, List.of());
    }

    /**
     * A validate: the folder with the overlay in place, checked in the check's own process, answered beside the
     * rules serving and, for an impact period, replayed on the decisions of the period; kept in the journal with who
     * asked. Nothing is served.
     */
    public CheckProcess.Answer validate(Map<String, String> overlay, String actor, Period impactPeriod) {
        Path exported = null;
        try {
            if (impactPeriod != null) {
                exported = Files.createTempFile("decisions-to-replay", ".jsonl");
                impact.export(impactPeriod, exported);
            }
            RulesSnapshot draft = RulesSnapshot.read(folder).with(overlay);
            CheckProcess.Answer answer = isolated.check(draft, servingSources, exported, impactPeriod);
            journalValidate(actor, answer.version(), answer.problems(), draft);
            return answer;
        } catch (RuleSetException e) { // the folder cannot be read
            journalValidate(actor, null, e.problems(), RulesSnapshot.ofText(folder.toString(), overlay));
            return new CheckProcess.Answer(null, e.problems(), false, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (exported != null) {
                exported.toFile().delete();
            }
        }
    }

    private void journalValidate(String actor, String version, List<RuleProblem> problems, RulesSnapshot draft) {
        journal.record(new RuleSetJournal.Entry(RuleSetJournal.Kind.VALIDATE, actor, Instant.now(),
                rules.current() == null ? null : rules.current().version(), version,
                problems.isEmpty() ? "VALID" : "INVALID", problems, servingSources, draft.sources()));
    }

    public ReloadOutcome lastReload() {
        return lastReload;
    }

    public Path folder() {
        return folder;
    }

    private static ReloadOutcome outcome(ReloadOutcome.Status status, String before, String after, long started,
            boolean forced, List<RuleProblem> problems) {
        return new ReloadOutcome(status, before, after, status == ReloadOutcome.Status.SERVED ? after : before,
                Instant.now(), (System.nanoTime() - started) / 1_000_000, forced, List.copyOf(problems));
    }

    private static void log(ReloadOutcome o) {
        String serving = o.versionBefore() == null ? "nothing" : o.versionBefore();
        String what = switch (o.status()) {
            case SERVED -> serving + " -> " + o.candidateVersion() + (o.forced() ? " (forced: checked again)" : "");
            case UNCHANGED -> o.candidateVersion() + " is already serving";
            case REJECTED -> (o.candidateVersion() != null ? "candidate " + o.candidateVersion() + ": " : "")
                    + o.problems().stream().map(p -> p.kind().headline()).distinct().collect(Collectors.joining("; "))
                    + "; " + serving + " keeps serving";
        };
        String line = String.format("Rule reload %s: %s (%d ms)", o.status(), what, o.durationMillis());
        if (o.problems().isEmpty()) {
            LOG.info(line);
        } else {
            LOG.warnf("%s; %d problem(s):\n  %s", line, o.problems().size(), describe(o.problems()));
        }
    }

    private static String describe(List<RuleProblem> problems) {
        return problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  "));
    }
}
