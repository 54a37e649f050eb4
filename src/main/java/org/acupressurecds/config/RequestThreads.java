package org.acupressurecds.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Four request threads a core, rather than Quarkus's default of at least 200: no request thread waits for a decision
 * record's commit or for an EHR's FHIR server, so a few per core keep the cores busy, and fewer threads taking turns
 * make every request cheaper (docs/performance.md, "The request threads"). At a low ordinal, so an explicit
 * quarkus.thread-pool.max-threads still wins.
 */
public class RequestThreads implements ConfigSourceFactory {

    public static final String MAX_THREADS = "quarkus.thread-pool.max-threads";
    static final int PER_CORE = 4;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(Map.of(MAX_THREADS,
                String.valueOf(PER_CORE * Runtime.getRuntime().availableProcessors())), "request-threads", 50));
    }
}
