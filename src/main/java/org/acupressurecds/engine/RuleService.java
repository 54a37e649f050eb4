package org.acupressurecds.engine;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * The one decision path: every caller (REST, CDS Hooks, the web page) asks this bean. It holds the serving rule set
 * in one reference, swapped whole, so a request that reads it once finishes on one complete version.
 */
@ApplicationScoped
public class RuleService {

    private final Evaluator evaluator = new Evaluator();
    private final Timer evaluation = Timer.builder("cds.evaluation")
            .description("One patient's facts evaluated by the serving rules").publishPercentileHistogram()
            .register(Metrics.globalRegistry);
    private final AtomicReference<RuleSet> serving = new AtomicReference<>();

    /** The serving rule set; null only before the first one is loaded at startup. */
    public RuleSet current() {
        return serving.get();
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
        return evaluation.record(() -> evaluator.evaluate(snapshot, patient));
    }
}
