package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Records older than the retention period go, with their cards and feedback; the purge itself is recorded. */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2032-11-25T03:00:00Z");

    @Test
    void aDecisionPastRetentionGoesWithItsCardAndFeedbackAndTheRestStays(@org.junit.jupiter.api.io.TempDir java.nio.file.Path spool)
            throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        RecordStore store = new RecordStore(h2, "test");
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 1_000_000));
        recorder.start(null);
        DecisionRecord old = withCard(GroupCommitTest.aDecision(), sixYearsBefore().minusSeconds(60));
        DecisionRecord recent = withCard(GroupCommitTest.aDecision(), sixYearsBefore().plusSeconds(60));
        recorder.record(old);
        recorder.record(recent);
        recorder.stop(null);
        CardRecords cards = new CardRecords(store);
        cards.record(new CardRecords.Feedback(old.card().uuid(), Outcome.ACCEPTED, null, "2026-11-24T10:15:00Z"), "v");
        cards.record(new CardRecords.Feedback(recent.card().uuid(), Outcome.ACCEPTED, null, "2026-11-24T10:15:00Z"), "v");

        Retention.Purged purged = new Retention(store, Period.ofYears(6), Clock.fixed(NOW, ZoneOffset.UTC)).purge();

        assertEquals(List.of(1L, 1L, 1L), List.of(purged.decisions(), purged.cards(), purged.feedback()));
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM decision WHERE id = '" + recent.id() + "'"));
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM feedback"));
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM decision d JOIN fired_list_rule f "
                + "ON f.fired_list_id = d.fired_list_id"), "the recent decision's rule, read through its list");
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM fired_list"),
                "the list the two decisions shared stays: rule names of a version, nothing of a patient");
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM card_override_reason"), "the recent card's reason only");
        assertEquals(1, count(h2, "SELECT COUNT(*) FROM record_purge WHERE decisions = 1"));
    }

    private static Instant sixYearsBefore() {
        return NOW.atZone(ZoneOffset.UTC).minusYears(6).toInstant();
    }

    private static DecisionRecord withCard(DecisionRecord d, Instant decidedAt) {
        return new DecisionRecord(d.id(), decidedAt, Channel.CDS_HOOKS, d.requester(), d.rulesetVersion(), d.verdict(),
                d.assessmentDate(), d.facts(), List.of(new DecisionRecord.FiredRule("A rule", "A section", true)),
                d.missingData(), d.requestDigest(),
                new DecisionRecord.IssuedCard(java.util.UUID.randomUUID().toString(), Indicator.CRITICAL,
                        List.of("already-managed")));
    }

    private static int count(JdbcDataSource h2, String sql) throws Exception {
        try (Connection c = h2.getConnection(); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
