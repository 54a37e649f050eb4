package org.acupressurecds.records;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The service with PostgreSQL as its store, as production runs it. */
public class OnPostgresql implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresServer.class));
    }
}
