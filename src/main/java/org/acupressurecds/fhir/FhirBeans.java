package org.acupressurecds.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The FHIR pieces as beans: one FhirContext (costly to make) and the FHIR server client. */
public class FhirBeans {

    /** Built at startup: it takes a second or two, which the first CDS Hooks call should not pay. */
    @Produces
    @Singleton
    @Startup
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }

    @Produces
    @Singleton
    FhirServerClient client(FhirContext fhir,
            @ConfigProperty(name = "cds.fhir.timeout", defaultValue = "10s") Duration timeout,
            @ConfigProperty(name = "cds.fhir.max-pages", defaultValue = "20") int maxPages) {
        return new FhirServerClient(fhir, timeout, maxPages);
    }
}
