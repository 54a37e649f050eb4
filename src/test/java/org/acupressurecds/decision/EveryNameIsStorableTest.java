package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store accepts only the names of the record's vocabularies (its check constraints), and every one of them: a
 * verdict, channel, indicator or outcome added in Java and not to the schema fails here, not in production.
 */
class EveryNameIsStorableTest {

    @Test
    void everyVerdictChannelIndicatorAndOutcomeIsKept(@TempDir Path spool) throws Exception {
        JdbcDataSource h2 = MigratedH2.create();
        RecordStore store = new RecordStore(h2, "test");
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 1_000_000));
        recorder.start(null);
        DecisionRecord template = GroupCommitTest.aDecision();
        String card = null;
        int kept = 0;
        for (Verdict verdict : Verdict.values()) {
            for (Channel channel : Channel.values()) {
                for (Indicator indicator : Indicator.values()) {
                    card = UUID.randomUUID().toString();
                    recorder.record(new DecisionRecord(UUID.randomUUID().toString(), template.decidedAt(), channel,
                            template.requester(), template.rulesetVersion(), verdict, template.assessmentDate(),
                            template.facts(), template.rulesFired(), template.missingData(), template.requestDigest(),
                            new DecisionRecord.IssuedCard(card, indicator, List.of("already-managed"))));
                    kept++;
                }
            }
        }
        recorder.stop(null);
        CardRecords cards = new CardRecords(store);
        for (Outcome outcome : Outcome.values()) {
            cards.record(new CardRecords.Feedback(card, outcome, null, "2026-11-24T10:15:00Z"), "v");
        }

        try (Connection c = h2.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM decision d JOIN card c ON c.decision_id = d.id")) {
            r.next();
            assertEquals(kept, r.getInt(1));
        }
        assertEquals(Arrays.asList(Outcome.values()),
                cards.feedbackOn(card).stream().map(CardRecords.Feedback::outcome).toList());
    }
}
