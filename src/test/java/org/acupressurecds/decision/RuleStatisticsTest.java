package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.ruleset.RuleStatistics;
import org.acupressurecds.store.MigratedH2;
import org.acupressurecds.store.RecordStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics on a seeded history give the counts the history holds, and an override counts against the rules that
 * decided the verdict, never against those that only shaped the plan.
 */
class RuleStatisticsTest {

    private static final Instant DAY1 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-21T09:00:00Z");

    @Test
    void anOverrideCountsAgainstTheRulesThatDecidedTheVerdictWithItsReasonInWords(@TempDir Path spool) {
        JdbcDataSource h2 = MigratedH2.create();
        RecordStore store = new RecordStore(h2, "test");
        DecisionRecorder recorder = new DecisionRecorder(store, new Spool(spool, 1_000_000));
        recorder.start(null);
        DecisionRecord flare1 = decision(DAY1, "v1", Verdict.CAUTION, "card-1", true, "Flare", "Plan");
        DecisionRecord flare2 = decision(DAY2, "v2", Verdict.CAUTION, "card-2", true, "Flare", "Plan");
        DecisionRecord plain = decision(DAY2, "v2", Verdict.SUITABLE, null, true, "Plan");
        DecisionRecord outside = decision(DAY2.plusSeconds(86_400 * 10), "v2", Verdict.SUITABLE, null, true, "Plan");
        DecisionRecord before = decision(DAY2, "v0", Verdict.CAUTION, "card-0", null, "Flare", "Plan");
        List.of(flare1, flare2, plain, outside, before).forEach(recorder::record);
        CardRecords cards = new CardRecords(store);
        cards.record(new CardRecords.Feedback("card-1", Outcome.ACCEPTED, null, "2026-11-20T10:00:00Z"), "v1");
        cards.record(new CardRecords.Feedback("card-2", Outcome.OVERRIDDEN, "patient-declined", "2026-11-21T10:00:00Z"), "v2");
        cards.record(new CardRecords.Feedback("card-0", Outcome.OVERRIDDEN, "patient-declined", "2026-11-21T10:00:00Z"), "v0");
        Instant from = DAY1.minusSeconds(3600);
        Instant to = DAY2.plusSeconds(3600);

        RuleStatistics.Report report = new RuleStatistics(store).report(from, to, ZoneOffset.UTC,
                Map.of("Flare", "Guide > Flare", "Plan", "Guide > Plan", "Never", "Guide > Never"));

        assertEquals(4, report.decisions());
        RuleStatistics.RuleUse flare = use(report, "Flare");
        assertEquals(List.of(3L, 2L, 2L, 1L, 1L), List.of(flare.fired(), flare.decided(), flare.cards(), flare.accepted(),
                flare.overridden()));
        assertEquals(List.of(new RuleStatistics.ReasonCount("patient-declined", "The patient declined", 1)),
                flare.overrideReasons());
        assertEquals("/api/v1/decisions?decidedBy=Flare&outcome=overridden&from=" + from + "&to=" + to,
                flare.decisions().overridden());
        assertEquals("/api/v1/decisions?rule=Flare&from=" + from + "&to=" + to, flare.decisions().fired());
        assertEquals(1, flare.overriddenExamples().size());
        assertEquals(flare2.facts().painScore(), flare.overriddenExamples().get(0).get("painScore").asInt());
        RuleStatistics.RuleUse plan = use(report, "Plan");
        assertEquals(List.of(4L, 0L, 0L, 0L), List.of(plan.fired(), plan.cards(), plan.accepted(), plan.overridden()),
                "the plan's rule shaped the plan: the overrides are not its");
        assertEquals(List.of(0L, 0L), List.of(use(report, "Never").fired(), use(report, "Never").overridden()));
        assertEquals(new RuleStatistics.Searches(null, null, null, null), use(report, "Never").decisions(),
                "no count, nothing to lead to");
        assertEquals(new RuleStatistics.Unattributed(1, 0, 1), report.unattributed(),
                "feedback on a decision kept before deciding rules were recorded is counted apart");
        assertEquals(Map.of("v0", Map.of("CAUTION", 1L), "v1", Map.of("CAUTION", 1L),
                "v2", Map.of("CAUTION", 1L, "SUITABLE", 1L)), report.verdictsPerVersion());
        assertEquals(Map.of(LocalDate.of(2026, 11, 20), Map.of("CAUTION", 1L),
                LocalDate.of(2026, 11, 21), Map.of("CAUTION", 2L, "SUITABLE", 1L)), report.verdictsPerDay());
    }

    private static RuleStatistics.RuleUse use(RuleStatistics.Report report, String rule) {
        return report.rules().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
    }

    /** decided: whether the first rule decided the verdict (the others only shaped the plan); null as before V8. */
    private static DecisionRecord decision(Instant at, String version, Verdict verdict, String card, Boolean decided,
            String... rules) {
        DecisionRecord d = GroupCommitTest.aDecision();
        List<DecisionRecord.FiredRule> fired = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            fired.add(new DecisionRecord.FiredRule(rules[i], "Guide > " + rules[i],
                    decided == null ? null : decided && i == 0));
        }
        return new DecisionRecord(d.id(), at,
                card == null ? Channel.API : Channel.CDS_HOOKS, d.requester(), version, verdict, d.assessmentDate(),
                d.facts(), fired, d.missingData(), d.requestDigest(),
                card == null ? null : new DecisionRecord.IssuedCard(card, Indicator.WARNING, List.of("patient-declined")));
    }
}
