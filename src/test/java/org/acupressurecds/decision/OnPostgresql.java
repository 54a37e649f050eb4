package org.acupressurecds.decision;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.acupressurecds.store.PostgresServer;

/** The service with PostgreSQL as its store, as production runs it, with a spool of its own. */
public class OnPostgresql implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresServer.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("cds.records.spool-dir", Files.createTempDirectory("cds-spool-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same with a spool too small for any record: an outage leaves nowhere to keep one. */
    public static class NoRoomInTheSpool extends OnPostgresql {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cds.records.spool-dir", super.getConfigOverrides().get("cds.records.spool-dir"),
                    "cds.records.spool-max-size", "1");
        }
    }
}
