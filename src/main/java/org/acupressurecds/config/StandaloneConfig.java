package org.acupressurecds.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration as the service reads it, for code that runs before Quarkus starts or without it (the rule
 * authors' check, the early check, the health probe): system properties, then environment variables, then
 * application.properties, with Quarkus' converters for durations ("10s") and sizes ("5M").
 */
public final class StandaloneConfig {

    private static final String PROPERTIES = "application.properties";
    /** Below system properties (400) and environment variables (300), as Quarkus orders them. */
    private static final int PROPERTIES_ORDINAL = 250;

    private final SmallRyeConfig config;

    private StandaloneConfig(SmallRyeConfig config) {
        this.config = config;
    }

    /** The production profile's settings: what the packaged service reads. */
    public static StandaloneConfig read() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withValidateUnknown(false) // the EHR clients (cds.hooks.*) are mapped where the service reads them
                .withProfile("prod").withMapping(CdsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter());
        URL properties = StandaloneConfig.class.getClassLoader().getResource(PROPERTIES);
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, PROPERTIES_ORDINAL));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + PROPERTIES, e);
            }
        }
        return new StandaloneConfig(builder.build());
    }

    public CdsConfig cds() {
        return config.getConfigMapping(CdsConfig.class);
    }

    /** Any setting by its property name (a Quarkus one, say), or null where none is set. */
    public String setting(String name) {
        Optional<String> value = config.getOptionalValue(name, String.class);
        return value.orElse(null);
    }
}
