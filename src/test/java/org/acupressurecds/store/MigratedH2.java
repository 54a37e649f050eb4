package org.acupressurecds.store;

import java.nio.file.Path;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 with the service's own migrations: a real store for tests of one part that writes to it. */
public final class MigratedH2 {

    private MigratedH2() {
    }

    public static JdbcDataSource create() {
        return migrated("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** An embedded store in files, as the service keeps one (cds.records.embedded-path; RecordStore.embedded). */
    public static JdbcDataSource inFiles(Path path) {
        return migrated("jdbc:h2:file:" + path);
    }

    private static JdbcDataSource migrated(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("cds");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }
}
