package org.acupressurecds.ruleset;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import org.acupressurecds.store.RecordStore;
import org.acupressurecds.store.RecordStoreSelection;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The decision record as the command-line check reads it, outside the running service: the store the service is
 * configured with, from the same settings (QUARKUS_DATASOURCE_JDBC_URL and so on, or -D system properties), else the
 * embedded store under data/. It only reads, and never creates or migrates a store.
 */
public final class ConfiguredStore {

    private ConfiguredStore() {
    }

    /** The impact analysis over the configured store; settings: a setting's value by its property name, or null. */
    public static RecordedImpact impact(Function<String, String> settings) {
        Clock clock = Clock.system(Optional.ofNullable(settings.apply("cds.clinical-zone")).filter(z -> !z.isBlank())
                .map(ZoneId::of).orElse(ZoneId.systemDefault()));
        return new RecordedImpact(open(settings), clock);
    }

    static RecordStore open(Function<String, String> settings) {
        String url = settings.apply(RecordStoreSelection.POSTGRESQL_URL);
        String user = settings.apply("quarkus.datasource.username");
        String password = settings.apply("quarkus.datasource.password");
        if (url != null) {
            PGSimpleDataSource postgresql = new PGSimpleDataSource();
            postgresql.setURL(url);
            postgresql.setUser(user);
            postgresql.setPassword(password);
            postgresql.setReadOnly(true);
            return new RecordStore(postgresql, "PostgreSQL");
        }
        String path = Optional.ofNullable(settings.apply("cds.records.embedded-path")).orElse("./data/records");
        JdbcDataSource embedded = new JdbcDataSource();
        // IFEXISTS: a mistyped path is an error, not a new empty store; read-only: a check changes nothing.
        embedded.setURL("jdbc:h2:file:" + path + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
        embedded.setUser("cds");
        return new RecordStore(embedded, "the embedded store in " + path);
    }
}
