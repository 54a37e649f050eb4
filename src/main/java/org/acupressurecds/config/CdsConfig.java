package org.acupressurecds.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;

/**
 * The service's own settings ({@code cds.*}), with their names and defaults in one place. Set them in
 * application.properties, as -D system properties or as environment variables ({@code cds.rules.dir} is
 * {@code CDS_RULES_DIR}); the README lists each. The service reads them through Quarkus; the rule authors' check and
 * the health probe, which run before or without it, read the same through {@link StandaloneConfig}. The EHR clients
 * ({@code cds.hooks.*}) have a mapping of their own, beside the security code that reads them.
 */
@ConfigMapping(prefix = "cds")
public interface CdsConfig {

    /** The page's public address, for the links on cards; none: cards carry no link. */
    Optional<URI> publicUrl();

    /** The time zone of the clinic, for "today"; none: the machine's. */
    Optional<String> clinicalZone();

    Rules rules();

    Fhir fhir();

    Http http();

    Records records();

    Security security();

    /** The rules folder and how its edits are checked. */
    interface Rules {
        @WithDefault("rules")
        Path dir();

        /** Whether an edit is picked up by itself (else on POST /api/v1/ruleset/reload). */
        @WithDefault("true")
        boolean watch();

        /** How long the folder must be still after an edit before it is read. */
        @WithDefault("300ms")
        Duration debounce();

        /** How much CPU time a check in its own process may use before it is stopped (on the clock, 4 × that). */
        @WithDefault("90s")
        Duration checkTimeout();

        /** How long an unused check process lives. */
        @WithDefault("2m")
        Duration checkIdle();

        /**
         * How much lower the check process's priority is than the service's (nice(1), 0-19; 0: the same). A check
         * that the load leaves next to no CPU is checked again at the service's priority.
         */
        @WithDefault("10")
        int checkNiceness();
    }

    /** Reading an EHR's FHIR server. */
    interface Fhir {
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("20")
        int maxPages();

        @WithDefault("5M")
        MemorySize maxResponseSize();

        @WithDefault("8")
        int maxConcurrentFetches();

        Optional<Path> truststore();

        Optional<String> truststorePassword();
    }

    /** Request bodies: their size, and how slowly they may arrive. */
    interface Http {
        @WithDefault("10M")
        MemorySize maxBodySize();

        @WithDefault("10K")
        MemorySize minBodyRate();

        @WithDefault("1S")
        Duration bodyGrace();

        @WithDefault("16")
        int maxSlowBodies();
    }

    /** The decision record. */
    interface Records {
        @WithDefault("./data/records")
        String embeddedPath();

        @WithDefault("data/spool")
        Path spoolDir();

        @WithDefault("100M")
        MemorySize spoolMaxSize();

        @WithDefault("2S")
        Duration commitTimeout();

        @WithDefault("P6Y")
        Period retention();
    }

    interface Security {
        /** Open mode: no one signs in (development and demonstrations only). */
        @WithDefault("false")
        boolean open();
    }
}
