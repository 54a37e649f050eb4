package org.acupressurecds.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.acupressurecds.http.ServingVersion;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * The one decision path: every caller (REST, CDS Hooks, the web page) asks this bean. It holds the serving rule set
 * in one reference, swapped whole, so a request that reads it once finishes on one complete version; every answer
 * passes the safety net on its way out.
 */
@ApplicationScoped
public class RuleService implements ServingVersion {

    private final Evaluator evaluator = new Evaluator();
    private final SafetyNet net = new SafetyNet();
    private final Timer evaluation = Timer.builder("cds.evaluation")
            .description("One patient's facts evaluated by the serving rules").publishPercentileHistogram()
            .register(Metrics.globalRegistry);
    private final AtomicReference<RuleSet> serving = new AtomicReference<>();
    /**
     * Requests evaluate one per core at a time: 32 sessions at once on two cores do a third of what two do, each
     * evicting the others' rule network from the caches (docs/performance.md). Unfair, as a fair queue hands every
     * permit over through a sleeping thread. Only requests take these: the checks, warm-ups and replays of the rule
     * authors' tools evaluate beside them, so none can hold a request back. A throttle, never a gate: a request that
     * waits {@link #WAIT_FOR_A_CORE_MS} for a core evaluates without one, so evaluations that hold every core (a
     * patient the rules take ages over) slow the others down rather than stop them all.
     */
    private final Semaphore cores = new Semaphore(Runtime.getRuntime().availableProcessors());
    static final long WAIT_FOR_A_CORE_MS = 200;
    private final Counter withoutACore = Counter.builder("cds.evaluation.without.core")
            .description("Requests evaluated without waiting longer for a core: every core was held "
                    + WAIT_FOR_A_CORE_MS + " ms by other evaluations")
            .register(Metrics.globalRegistry);

    /** The serving rule set; null only before the first one is loaded at startup. */
    public RuleSet current() {
        return serving.get();
    }

    @Override
    public String servingVersion() {
        RuleSet current = serving.get();
        return current == null ? null : current.version();
    }

    /** Serves the next rule set from now on; returns the one it replaces. */
    public RuleSet serve(RuleSet next) {
        return serving.getAndSet(next);
    }

    public Assessment assess(PatientFacts patient) {
        return assess(serving.get(), patient);
    }

    /** Evaluates on a snapshot the caller already holds, so one request sees one version throughout. */
    public Assessment assess(RuleSet snapshot, PatientFacts patient) {
        boolean core = aCore();
        try {
            return net.hold(snapshot, patient, evaluation.record(() -> evaluator.evaluate(snapshot, patient)));
        } finally {
            if (core) {
                cores.release();
            }
        }
    }

    /** Takes a core's turn; false where none came free in time (or the wait was interrupted), and it goes on without. */
    private boolean aCore() {
        try {
            if (cores.tryAcquire(WAIT_FOR_A_CORE_MS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        withoutACore.increment();
        return false;
    }

    /** Whether the safety net had to correct the answers of a rule-set version, and how often. */
    public Optional<SafetyNet.Fault> faultOf(String version) {
        return net.faultOf(version);
    }
}
