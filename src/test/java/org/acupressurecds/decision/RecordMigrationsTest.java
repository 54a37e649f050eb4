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
 * Records kept before a migration read the same after it, on both stores. Version 7 typed the record's values: the
 * rules that fired and a card's override reasons carried from their text into rows, in order; the indicator and the
 * outcome as their names. Version 11 keeps the rules that fired as ids, once per distinct list.
 */
class RecordMigrationsTest {

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

    /** A store of its own at a version: an H2 in memory, or a schema of its own on the PostgreSQL server. */
    private static DataSource atVersion(String kind, String version) {
        if (kind.equals("postgresql")) {
            MissingPart.require(settings != null, "PostgreSQL is not installed (apt-get install -y postgresql)");
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(settings.get("quarkus.datasource.jdbc.url"));
            pg.setUser(settings.get("quarkus.datasource.username"));
            pg.setPassword(settings.get("quarkus.datasource.password"));
            String schema = "before_v" + version + "_" + UUID.randomUUID().toString().replace("-", "");
            pg.setCurrentSchema(schema);
            Flyway.configure().dataSource(pg).schemas(schema).locations("classpath:db/migration").target(version)
                    .load().migrate();
            return pg;
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("cds");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target(version).load().migrate();
        return h2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void decisionsCardsAndFeedbackKeptBeforeVersion7ReadTheSameAfterIt(String kind) throws Exception {
        DataSource store = atVersion(kind, "6");
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

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void theRulesEachDecisionFiredBeforeVersion11ReadTheSameAfterItAndSameListsAreKeptOnce(String kind)
            throws Exception {
        DataSource store = atVersion(kind, "10");
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            for (String id : List.of("d-1", "d-2", "d-3", "d-4", "d-5")) {
                s.execute("INSERT INTO decision (id, decided_at, channel, ruleset_version, verdict, assessment_date, "
                        + "facts, missing_data, request_digest) VALUES ('" + id + "', CURRENT_TIMESTAMP, 'API', "
                        + "'" + (id.equals("d-3") ? "v2" : "v1") + "', 'SUITABLE', DATE '2026-11-24', '{}', '[]', 'x')");
            }
            // d-5 fired what d-2 did; d-3 too, on another version; d-1 did not record whether a rule decided
            for (String id : List.of("d-1", "d-2", "d-3", "d-5")) {
                s.execute("INSERT INTO decision_rule VALUES ('" + id + "', 0, 'Piriformis syndrome responds well', "
                        + "'Response matrix', TRUE)");
                s.execute("INSERT INTO decision_rule VALUES ('" + id + "', 1, 'Heat before the mat session', NULL, "
                        + (id.equals("d-1") ? "NULL" : "FALSE") + ")");
            }
        }

        Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();

        RecordStore stored = new RecordStore(store, kind);
        DecisionRecords records = new DecisionRecords(stored, new CardRecords(stored));
        DecisionRecord.FiredRule responds = new DecisionRecord.FiredRule("Piriformis syndrome responds well",
                "Response matrix", true);
        assertEquals(List.of(responds, new DecisionRecord.FiredRule("Heat before the mat session", null, null)),
                records.find("d-1", "a test", "id=d-1").orElseThrow().rulesFired(), "unknown stays unknown");
        List<DecisionRecord.FiredRule> shapedThePlan = List.of(responds,
                new DecisionRecord.FiredRule("Heat before the mat session", null, false));
        assertEquals(shapedThePlan, records.find("d-2", "a test", "id=d-2").orElseThrow().rulesFired());
        assertEquals(shapedThePlan, records.find("d-3", "a test", "id=d-3").orElseThrow().rulesFired());
        assertEquals(shapedThePlan, records.find("d-5", "a test", "id=d-5").orElseThrow().rulesFired());
        assertEquals(List.of(), records.find("d-4", "a test", "id=d-4").orElseThrow().rulesFired());
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
                var lists = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT fired_list_id) FROM decision")) {
            lists.next();
            assertEquals(List.of(5, 4), List.of(lists.getInt(1), lists.getInt(2)),
                    "d-2 and d-5 share a list; d-1 differs in whether a rule decided, d-3 in its version, d-4 fired "
                            + "none");
        }
        try (Connection c = store.getConnection(); Statement s = c.createStatement();
                var rules = s.executeQuery("SELECT COUNT(*) FROM ruleset_rule")) {
            rules.next();
            assertEquals(4, rules.getInt(1), "each rule once per version");
        }
    }
}
