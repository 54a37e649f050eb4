package org.acupressurecds.decision;

import org.acupressurecds.http.Requester;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.RecordedFacts;
import org.acupressurecds.store.TimeOrderedUuid;

/**
 * One decision as it is kept: who asked, on which rules, what was decided and on which pseudonymised facts, with a
 * digest of the request. card: the CDS Hooks card that showed it, null for other channels.
 */
public record DecisionRecord(
        String id,
        Instant decidedAt,
        Channel channel,
        Requester requester,
        String rulesetVersion,
        Verdict verdict,
        LocalDate assessmentDate,
        RecordedFacts facts,
        List<FiredRule> rulesFired,
        List<String> missingData,
        String requestDigest,
        IssuedCard card) {

    /**
     * A rule that fired, with the guide section behind it; decided: whether it decided the verdict (it is in the
     * conclusion chain of the decision) or only shaped the plan; null on a decision kept before this was recorded.
     */
    public record FiredRule(String rule, String source, Boolean decided) {
    }

    /**
     * A card as issued: indicator, the override reasons it offered (the only ones its feedback may give), and the
     * suggestions it offered (the only ones feedback may accept).
     */
    public record IssuedCard(String uuid, Indicator indicator, List<String> overrideReasons,
            List<OfferedSuggestion> suggestions) {

        public IssuedCard(String uuid, Indicator indicator, List<String> overrideReasons) {
            this(uuid, indicator, overrideReasons, List.of());
        }
    }

    /** A suggestion a card offered: its uuid, and its label in clinical words. */
    public record OfferedSuggestion(String uuid, String label) {
    }

    public static DecisionRecord of(Channel channel, Requester requester, PatientFacts facts, Assessment answer,
            String requestDigest, Instant decidedAt, IssuedCard card) {
        return of(TimeOrderedUuid.at(decidedAt.toEpochMilli()).toString(), channel, requester, facts, answer,
                requestDigest, decidedAt, card);
    }

    /** id: given where the answer already names its decision (a resource it proposes carries it). */
    public static DecisionRecord of(String id, Channel channel, Requester requester, PatientFacts facts,
            Assessment answer, String requestDigest, Instant decidedAt, IssuedCard card) {
        return new DecisionRecord(id, decidedAt, channel, requester, answer.rulesetVersion(),
                answer.verdict(), answer.assessmentDate(), RecordedFacts.of(facts),
                answer.reasons().stream().map(r -> new FiredRule(r.rule(), r.source(), answer.decidedBy().contains(r.rule())))
                        .distinct().toList(),
                answer.missingData().stream().map(MissingData::field).distinct().toList(), requestDigest, card);
    }

    @Override
    public String toString() {
        return "DecisionRecord[" + id + "]";
    }
}
