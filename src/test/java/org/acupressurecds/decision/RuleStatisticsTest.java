package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.ruleset.RuleStatistics;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics on a seeded history give the counts the history holds. */
class RuleStatisticsTest {

    private static final Instant DAY1 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-21T09:00:00Z");

    @Test
    void eachRuleIsCountedWithItsCardsTheirFeedbackAndTheVerdictsPerVersionAndDay(@TempDir Path spool) {
        JdbcDataSource h2 = MigratedH2.create();
        RecordStore store = new RecordStore(h2, "test");
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 1_000_000));
        recorder.start(null);
        DecisionRecord flare1 = decision(DAY1, "v1", Verdict.CAUTION, "card-1", "Flare", "Plan");
        DecisionRecord flare2 = decision(DAY2, "v2", Verdict.CAUTION, "card-2", "Flare", "Plan");
        DecisionRecord plain = decision(DAY2, "v2", Verdict.SUITABLE, null, "Plan");
        DecisionRecord outside = decision(DAY2.plusSeconds(86_400 * 10), "v2", Verdict.SUITABLE, null, "Plan");
        List.of(flare1, flare2, plain, outside).forEach(recorder::record);
        CardRecords cards = new CardRecords(store);
        cards.record(new CardRecords.Feedback("card-1", Outcome.ACCEPTED, null, "2026-11-20T10:00:00Z"), "v1");
        cards.record(new CardRecords.Feedback("card-2", Outcome.OVERRIDDEN, "patient-declined", "2026-11-21T10:00:00Z"), "v2");

        RuleStatistics.Report report = new RuleStatistics(store)
                .report(DAY1.minusSeconds(3600), DAY2.plusSeconds(3600), ZoneOffset.UTC);

        assertEquals(3, report.decisions());
        RuleStatistics.RuleUse flare = report.rules().stream().filter(r -> r.rule().equals("Flare")).findFirst().orElseThrow();
        assertEquals(List.of(2L, 2L, 1L, 1L), List.of(flare.fired(), flare.cards(), flare.accepted(), flare.overridden()));
        assertEquals(Map.of("patient-declined", 1L), flare.overrideReasons());
        assertEquals(2.0 / 3, flare.share(), 1e-9);
        assertEquals(3, report.rules().stream().filter(r -> r.rule().equals("Plan")).findFirst().orElseThrow().fired());
        assertEquals(Map.of("v1", Map.of("CAUTION", 1L), "v2", Map.of("CAUTION", 1L, "SUITABLE", 1L)),
                report.verdictsPerVersion());
        assertEquals(Map.of(LocalDate.of(2026, 11, 20), Map.of("CAUTION", 1L),
                LocalDate.of(2026, 11, 21), Map.of("CAUTION", 1L, "SUITABLE", 1L)), report.verdictsPerDay());
    }

    private static DecisionRecord decision(Instant at, String version, Verdict verdict, String card, String... rules) {
        DecisionRecord d = GroupCommitTest.aDecision();
        return new DecisionRecord(d.id(), at, card == null ? Channel.API : Channel.CDS_HOOKS, d.requester(), version,
                verdict, d.assessmentDate(), d.facts(),
                java.util.Arrays.stream(rules).map(r -> new DecisionRecord.FiredRule(r, "Guide > " + r)).toList(),
                d.missingData(), d.requestDigest(),
                card == null ? null : new DecisionRecord.IssuedCard(card, Indicator.WARNING, List.of("patient-declined")));
    }
}
