package org.acupressurecds.engine;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one decision path: every caller (REST, CDS Hooks, the web page) asks this bean. It compiles the rules folder
 * at startup, so the first request does not pay for the first compile, and refuses to start if they do not compile.
 */
@Startup
@ApplicationScoped
public class RuleService {

    private static final Logger LOG = Logger.getLogger(RuleService.class);

    private final Path rulesFolder;
    private final RuleSetLoader loader = new RuleSetLoader();
    private final Evaluator evaluator = new Evaluator();
    /** A request reads this once and finishes on that snapshot. */
    private final AtomicReference<RuleSet> serving = new AtomicReference<>();

    RuleService(@ConfigProperty(name = "cds.rules.dir", defaultValue = "rules") Path rulesFolder) {
        this.rulesFolder = rulesFolder;
    }

    @PostConstruct
    void loadAtStartup() {
        try {
            RuleSet rules = loader.load(rulesFolder);
            serving.set(rules);
            LOG.infof("Serving rule set %s: %d rules from %d files in %s", rules.version(),
                    rules.kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum(),
                    rules.files().size(), rulesFolder.toAbsolutePath());
        } catch (RuleSetException e) {
            LOG.errorf("The rules in %s do not compile, so the service will not start. %s",
                    rulesFolder.toAbsolutePath(), e.getMessage());
            throw new IllegalStateException("rules do not compile: " + e.getMessage(), e);
        }
    }

    public RuleSet current() {
        return serving.get();
    }

    public Assessment assess(PatientFacts patient) {
        return evaluator.evaluate(serving.get(), patient);
    }
}
