package org.acupressurecds.decision;

import jakarta.enterprise.context.ApplicationScoped;
import org.acupressurecds.store.RecordStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The decision record's state: "kept" when records go straight to the store, "degraded" while they wait in the spool
 * (answers go on), and DOWN only when the spool is full, since then no record can be kept.
 */
@Readiness
@ApplicationScoped
public class RecordReadiness implements HealthCheck {

    private final RecordStore store;
    private final DecisionRecorder recorder;

    RecordReadiness(RecordStore store, DecisionRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
    }

    @Override
    public HealthCheckResponse call() {
        long spooled = recorder.spooled();
        return HealthCheckResponse.named("decision-record")
                .status(!recorder.spoolFull())
                .withData("store", store.kind())
                .withData("state", recorder.spoolFull() ? "full" : spooled > 0 ? "degraded" : "kept")
                .withData("spooled", spooled)
                .build();
    }
}
