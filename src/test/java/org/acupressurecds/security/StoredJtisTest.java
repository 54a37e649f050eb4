package org.acupressurecds.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.acupressurecds.MissingPart;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.PostgresServer;
import org.acupressurecds.store.RecordStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Two replicas on one store, embedded or PostgreSQL: a jti one of them accepted is a replay for the other. */
class StoredJtisTest {

    private static final Instant EXPIRES = Instant.now().plusSeconds(300);
    private static PostgresServer postgresql;
    private static DataSource onPostgresql;

    /** Each test has an EHR of its own, so tests on the one PostgreSQL never see each other's jtis. */
    private final String ehr = "https://ehr-" + UUID.randomUUID() + ".example";

    @BeforeAll
    static void startPostgresql() {
        if (!PostgresServer.available() && !MissingPart.inCi()) {
            return; // its cases skip themselves; in CI, start() says what is missing
        }
        postgresql = new PostgresServer();
        Map<String, String> settings = postgresql.start();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(settings.get("quarkus.datasource.jdbc.url"));
        pg.setUser(settings.get("quarkus.datasource.username"));
        pg.setPassword(settings.get("quarkus.datasource.password"));
        Flyway.configure().dataSource(pg).locations("classpath:db/migration").load().migrate();
        onPostgresql = pg;
    }

    @AfterAll
    static void stopPostgresql() {
        if (postgresql != null) {
            postgresql.stop();
        }
    }

    private static DataSource store(String kind) {
        if (kind.equals("postgresql")) {
            MissingPart.require(onPostgresql != null, "PostgreSQL is not installed (apt-get install -y postgresql)");
            return onPostgresql;
        }
        return MigratedH2.create();
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void aTokenReplayedToAnotherReplicaIsRefused(String kind) {
        DataSource shared = store(kind);
        StoredJtis replicaA = new StoredJtis(new RecordStore(shared, kind));
        StoredJtis replicaB = new StoredJtis(new RecordStore(shared, kind));

        assertTrue(replicaA.firstUse(ehr, "jti-1", EXPIRES).join());
        assertFalse(replicaB.firstUse(ehr, "jti-1", EXPIRES).join(), "replayed to the other replica");
        assertTrue(replicaB.firstUse(ehr + "/other", "jti-1", EXPIRES).join(), "a jti is per issuer");
    }

    /** Calls at once are committed together: every new jti is accepted, and only the replays are refused. */
    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void amongConcurrentCallsOnlyTheReplaysAreRefused(String kind) throws Exception {
        DataSource shared = store(kind);
        StoredJtis replicaA = new StoredJtis(new RecordStore(shared, kind));
        StoredJtis replicaB = new StoredJtis(new RecordStore(shared, kind));
        assertTrue(replicaA.firstUse(ehr, "seen-on-a", EXPIRES).join());

        List<Callable<Boolean>> calls = IntStream.range(0, 200).<Callable<Boolean>>mapToObj(i -> switch (i % 4) {
            case 0 -> () -> replicaB.firstUse(ehr, "seen-on-a", EXPIRES).join();
            case 1 -> () -> replicaB.firstUse(ehr, "sent-twice", EXPIRES).join();
            default -> () -> replicaB.firstUse(ehr, "new-" + i, EXPIRES).join();
        }).toList();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = callers.invokeAll(calls);
            long accepted = 0;
            for (int i = 0; i < answers.size(); i++) {
                boolean first = answers.get(i).get();
                if (i % 4 == 0) {
                    assertFalse(first, "a jti another replica accepted");
                }
                accepted += first ? 1 : 0;
            }
            assertEquals(100 + 1, accepted, "each new jti, and one of the fifty sent twice");
        } finally {
            callers.shutdownNow();
        }
    }
}
