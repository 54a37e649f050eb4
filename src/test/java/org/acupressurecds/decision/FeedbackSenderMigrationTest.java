package org.acupressurecds.decision;

import org.acupressurecds.http.Requester;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.acupressurecds.store.RecordStore;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A store written before feedback recorded its sender keeps its feedback across the migration that adds it. */
class FeedbackSenderMigrationTest {

    @Test
    void feedbackKeptBeforeSendersWereRecordedIsCarriedAcrossWithNoSender() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("cds");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("5").load().migrate();
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO decision VALUES ('d-1', CURRENT_TIMESTAMP, 'CDS_HOOKS', 'https://ehr.example.test', "
                    + "'ehr-client-7', 'v1', 'SUITABLE', DATE '2026-11-24', '{}', '[]', '[]', 'digest')");
            s.execute("INSERT INTO card VALUES ('card-1', 'd-1', 'info', '')");
            s.execute("INSERT INTO feedback (card_uuid, outcome, override_reason, outcome_at, recorded_at) VALUES "
                    + "('card-1', 'accepted', NULL, '2026-11-24T10:00:00Z', CURRENT_TIMESTAMP)");
        }

        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

        CardRecords cards = new CardRecords(new RecordStore(h2, "test"));
        assertEquals(List.of(new CardRecords.Feedback("card-1", Outcome.ACCEPTED, null, "2026-11-24T10:00:00Z",
                Requester.ANONYMOUS, null)), cards.feedbackOn("card-1"));
        assertEquals("https://ehr.example.test", cards.find("card-1").orElseThrow().issuedTo());
    }
}
