package org.acupressurecds.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.acupressurecds.config.CdsConfig;

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
    FhirServerClient client(FhirContext fhir, CdsConfig config) {
        CdsConfig.Fhir settings = config.fhir();
        AtomicInteger count = new AtomicInteger();
        return new FhirServerClient(fhir, settings.timeout(), settings.maxPages(),
                settings.maxResponseSize().asLongValue(), tls(settings.truststore(), settings.truststorePassword()),
                Executors.newFixedThreadPool(settings.maxConcurrentFetches(), r -> {
                    Thread t = new Thread(r, "fhir-fetch-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }));
    }

    /** The JVM's trust, or a hospital's own: FHIR servers often sit behind a private certificate authority. */
    static SSLContext tls(Optional<Path> truststore, Optional<String> password) {
        try {
            if (truststore.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(truststore.get().toString().endsWith(".jks") ? "JKS" : "PKCS12");
            try (InputStream in = Files.newInputStream(truststore.get())) {
                store.load(in, password.map(String::toCharArray).orElse(null));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cds.fhir.truststore: cannot load " + truststore.orElse(null) + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
