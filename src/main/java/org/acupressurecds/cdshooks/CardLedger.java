package org.acupressurecds.cdshooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acupressurecds.knowledge.Verdict;
import org.jboss.logging.Logger;

/**
 * The cards this service issued, by uuid, with the rule-set version that decided each, so that feedback can be tied
 * to the rules. Held in memory, bounded; it records no patient data.
 */
@ApplicationScoped
public class CardLedger {

    private static final Logger LOG = Logger.getLogger(CardLedger.class);
    static final int CAPACITY = 100_000;

    /** overrideReasons: the codes the card offered, the only ones its feedback may give. */
    public record IssuedCard(String uuid, String rulesetVersion, Verdict verdict, Instant issuedAt,
            List<String> overrideReasons) {
    }

    public record FeedbackRecord(String card, Outcome outcome, String overrideReason, String rulesetVersion,
            String outcomeTimestamp) {
    }

    private final Map<String, IssuedCard> issued = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IssuedCard> eldest) {
            return size() > CAPACITY;
        }
    };
    private final Deque<FeedbackRecord> feedback = new ArrayDeque<>();

    public synchronized void issued(IssuedCard card) {
        issued.put(card.uuid(), card);
    }

    public synchronized Optional<IssuedCard> find(String uuid) {
        return Optional.ofNullable(issued.get(uuid));
    }

    public synchronized void record(FeedbackRecord record) {
        feedback.addLast(record);
        if (feedback.size() > CAPACITY) {
            feedback.removeFirst();
        }
        LOG.infof("CDS feedback: card %s %s%s (rule set %s)", record.card(), record.outcome().wire(),
                record.overrideReason() == null ? "" : ", reason " + record.overrideReason(), record.rulesetVersion());
    }

    public synchronized List<FeedbackRecord> feedback() {
        return List.copyOf(feedback);
    }
}
