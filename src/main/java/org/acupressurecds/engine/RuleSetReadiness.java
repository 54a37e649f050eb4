package org.acupressurecds.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once a compiled rule set is serving; the probe names its version. */
@Readiness
@ApplicationScoped
public class RuleSetReadiness implements HealthCheck {

    private final RuleService rules;

    RuleSetReadiness(RuleService rules) {
        this.rules = rules;
    }

    @Override
    public HealthCheckResponse call() {
        RuleSet current = rules.current();
        return HealthCheckResponse.named("rule-set")
                .status(current != null)
                .withData("version", current == null ? "none" : current.version())
                .build();
    }
}
