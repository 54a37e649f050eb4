package org.acupressurecds.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import org.acupressurecds.engine.RuleSetException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The FHIR pieces as beans: one FhirContext (costly to make), the code table from the rules folder, the client. */
public class FhirBeans {

    private static final Logger LOG = Logger.getLogger(FhirBeans.class);

    @Produces
    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Produces
    @Singleton
    @Startup
    FhirPatientReader reader(@ConfigProperty(name = "cds.rules.dir", defaultValue = "rules") Path rulesFolder) {
        Path folder = rulesFolder.resolve("codes");
        try {
            CodeTable table = CodeTable.load(folder);
            LOG.infof("Code table: %d codes from %s", table.size(), folder.toAbsolutePath());
            return new FhirPatientReader(table);
        } catch (RuleSetException e) {
            LOG.errorf("The code tables in %s are not valid, so the service will not start. %s",
                    folder.toAbsolutePath(), e.getMessage());
            throw new IllegalStateException("code tables are not valid: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    FhirServerClient client(FhirContext fhir,
            @ConfigProperty(name = "cds.fhir.timeout", defaultValue = "10s") Duration timeout,
            @ConfigProperty(name = "cds.fhir.max-pages", defaultValue = "20") int maxPages) {
        return new FhirServerClient(fhir, timeout, maxPages);
    }
}
