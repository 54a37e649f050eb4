package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.acupressurecds.MissingPart;
import org.acupressurecds.http.Requester;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.PostgresServer;
import org.acupressurecds.store.RecordStore;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Records kept before the record's values were typed (version 6) read the same after version 7, on both stores: the
 * rules that fired and a card's override reasons, carried from their text into rows, in order; the indicator and the
 * outcome as their names.
 */
class TypedRecordsMigrationTest {

    private static PostgresServer postgresql;
    private static Map<String, String> settings;

    @BeforeAll
    static void startPostgresql() {
        if (!PostgresServer.available() && !MissingPart.inCi()) {
            return; // its case skips itself; in CI, start() says what is missing
        }
        postgresql = new PostgresServer();
        settings = postgresql.start();
    }

    @AfterAll
    static void stopPostgresql() {
        if (postgresql != null) {
            postgresql.stop();
        }
    }

    /** A store of its own at version 6: an H2 in memory, or a schema of its own on the PostgreSQL server. */
    private static DataSource atVersion6(String kind) {
        if (kind.equals("postgresql")) {
            MissingPart.require(settings != null, "PostgreSQL is not installed (apt-get install -y postgresql)");
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(settings.get("quarkus.datasource.jdbc.url"));
            pg.setUser(settings.get("quarkus.datasource.username"));
            pg.setPassword(settings.get("quarkus.datasource.password"));
            String schema = "before_v7_" + UUID.randomUUID().toString().replace("-", "");
            pg.setCurrentSchema(schema);
            Flyway.configure().dataSource(pg).schemas(schema).locations("classpath:db/migration").target("6").load()
                    .migrate();
            return pg;
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("cds");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("6").load().migrate();
        return h2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void decisionsCardsAndFeedbackKeptBeforeVersion7ReadTheSameAfterIt(String kind) throws Exception {
        DataSource store = atVersion6(kind);
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO decision VALUES ('d-1', CURRENT_TIMESTAMP, 'CDS_HOOKS', 'https://ehr.example.test', "
                    + "'ehr-client-7', 'v1', 'EMERGENCY', DATE '2026-11-24', '{}', "
                    + "'[{\"rule\":\"Bladder dysfunction is a cauda equina sign: emergency\",\"source\":\"When Not to "
                    + "Use\"},{\"rule\":\"A rule with no source\",\"source\":null}]', '[]', 'digest')");
            s.execute("INSERT INTO card VALUES ('card-1', 'd-1', 'critical', 'already-managed,patient-declined')");
            s.execute("INSERT INTO feedback (card_uuid, outcome, override_reason, outcome_at, recorded_at) VALUES "
                    + "('card-1', 'overridden', 'patient-declined', '2026-11-24T10:00:00Z', CURRENT_TIMESTAMP)");
        }

        Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();

        RecordStore records = new RecordStore(store, kind);
        CardRecords cards = new CardRecords(records);
        DecisionRecords.Whole whole = new DecisionRecords(records, cards).find("d-1", "a test", "id=d-1")
                .orElseThrow();
        assertEquals(List.of(new DecisionRecord.FiredRule("Bladder dysfunction is a cauda equina sign: emergency",
                "When Not to Use", null), new DecisionRecord.FiredRule("A rule with no source", null, null)),
                whole.rulesFired(), "which rules decided was not recorded before V8: unknown, never false");
        assertEquals(Verdict.EMERGENCY, whole.decision().verdict());
        assertEquals(Channel.CDS_HOOKS, whole.decision().channel());
        assertEquals(new DecisionRecords.Card("card-1", Indicator.CRITICAL, "already-managed,patient-declined"),
                whole.card());
        assertEquals(List.of(new CardRecords.Feedback("card-1", Outcome.OVERRIDDEN, "patient-declined",
                "2026-11-24T10:00:00Z", Requester.ANONYMOUS, null)), whole.feedback());
        assertEquals(List.of("already-managed", "patient-declined"), cards.find("card-1").orElseThrow()
                .overrideReasons());
    }
}
