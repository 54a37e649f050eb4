package org.acupressurecds.store;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * PostgreSQL when its URL is configured, the embedded store otherwise: exactly one of the two datasources is active.
 * At a low ordinal, so an explicit quarkus.datasource.active still wins.
 */
public class RecordStoreSelection implements ConfigSourceFactory {

    public static final String POSTGRESQL_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean postgresql = context.getValue(POSTGRESQL_URL).getValue() != null;
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.active", String.valueOf(postgresql),
                "quarkus.datasource.\"embedded\".active", String.valueOf(!postgresql)),
                "record-store-selection", 50));
    }
}
