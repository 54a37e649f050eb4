package org.acupressurecds.decision;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.store.TimeOrderedUuid;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.http.Requester;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * The one way every channel decides: candidate facts in; each evaluated on one rule-set version, with the safety net's
 * last check ({@link RuleService#assess}); the most cautious answer chosen; shown in the channel's form; its record
 * kept under the one record-failure policy ({@link DecisionRecorder#keep}); the answer out. The API, the page and CDS
 * Hooks are thin adapters on it.
 */
@ApplicationScoped
public class DecisionPipeline {

    /**
     * One question: who asked on which channel, the rules to decide on (read once by the caller, so the reading of the
     * request and the decision share a version), the candidate readings of one patient (one, unless a record allows
     * several), and a digest of the request as sent.
     */
    public record Question(Channel channel, Requester requester, RuleSet rules, List<PatientFacts> candidates,
            String requestDigest) {

        public Question {
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a question needs at least one reading of the patient");
            }
        }
    }

    /** The answer chosen, the facts it was decided on, and the id its record will have (for what it proposes). */
    public record Decided(PatientFacts facts, Assessment answer, String decisionId) {
    }

    /** What the channel sends, and the card it issued (null for a channel without cards), for the record. */
    public record Shown<T>(T answer, DecisionRecord.IssuedCard card) {
    }

    private final RuleService rules;
    private final DecisionRecorder recorder;
    private final Clock clock;

    DecisionPipeline(RuleService rules, DecisionRecorder recorder, Clock clock) {
        this.rules = rules;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * The decision, shown by the channel; it leaves only once its record is kept, or, where it cannot be, only if it
     * is an emergency or an urgent referral (else {@link DecisionRecorder.NotKept}, a 503).
     */
    public <T> T decide(Question question, Function<Decided, Shown<T>> show) {
        return DecisionRecorder.settled(decideLater(question, show));
    }

    /**
     * {@link #decide}, with no thread waiting for the record's commit: the stage completes with the answer once the
     * record is kept (on the record's writer), or fails with NotKept. The rules and the showing run on the caller's
     * thread, and whatever they throw is thrown here.
     */
    public <T> CompletableFuture<T> decideLater(Question question, Function<Decided, Shown<T>> show) {
        Instant at = Instant.now(clock);
        String id = TimeOrderedUuid.at(at.toEpochMilli()).toString();
        Decided decided = mostCautious(question.rules(), question.candidates(), id);
        Shown<T> shown = show.apply(decided);
        return recorder.keepLater(DecisionRecord.of(id, question.channel(), question.requester(), decided.facts(),
                decided.answer(), question.requestDigest(), at, shown.card())).thenApply(kept -> shown.answer());
    }

    /** Every candidate reading decided by the rules, and the most cautious answer kept, with the facts behind it. */
    public Decided mostCautious(RuleSet snapshot, List<PatientFacts> candidates, String decisionId) {
        return candidates.stream().map(facts -> new Decided(facts, rules.assess(snapshot, facts), decisionId))
                .max(Comparator.comparing(Decided::answer, Assessment.MOST_CAUTIOUS)).orElseThrow();
    }
}
