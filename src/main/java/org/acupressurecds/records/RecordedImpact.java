package org.acupressurecds.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.acupressurecds.authoring.ImpactAnalysis;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Reason;

/**
 * The impact of a draft, from the decision record: every decision of the period is replayed from its pseudonymised
 * facts on its own assessment date, and compared with what was decided then.
 */
@ApplicationScoped
public class RecordedImpact implements ImpactAnalysis {

    static final int EXAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordStore store;
    private final Clock clock;
    private final Evaluator evaluator = new Evaluator();

    RecordedImpact(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private static final class Tally {
        long count;
        final List<Example> examples = new ArrayList<>();
    }

    @Override
    public Impact of(RuleSet draft, Period period) {
        long started = System.nanoTime();
        Instant to = Instant.now(clock);
        Instant from = to.atZone(clock.getZone()).minus(period).toInstant();
        Map<String, Tally> transitions = new TreeMap<>();
        Map<String, Long> newly = new TreeMap<>();
        Map<String, Long> stopping = new TreeMap<>();
        long decisions = 0;
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT verdict, assessment_date, facts, rules_fired FROM decision WHERE decided_at >= ? "
                        + "AND decided_at < ? ORDER BY decided_at")) {
            q.setFetchSize(1000);
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    decisions++;
                    RecordedFacts facts = JSON.readValue(r.getString("facts"), RecordedFacts.class);
                    Assessment after = evaluator.evaluate(draft, facts.toFacts(r.getDate("assessment_date").toLocalDate()));
                    Set<String> rulesBefore = new LinkedHashSet<>();
                    for (JsonNode fired : JSON.readTree(r.getString("rules_fired"))) {
                        rulesBefore.add(fired.path("rule").asText());
                    }
                    Set<String> rulesAfter = new LinkedHashSet<>(after.reasons().stream().map(Reason::rule).toList());
                    rulesAfter.stream().filter(rule -> !rulesBefore.contains(rule)).forEach(rule -> newly.merge(rule, 1L, Long::sum));
                    rulesBefore.stream().filter(rule -> !rulesAfter.contains(rule)).forEach(rule -> stopping.merge(rule, 1L, Long::sum));
                    String before = r.getString("verdict");
                    if (!before.equals(after.verdict().name())) {
                        Tally t = transitions.computeIfAbsent(before + " → " + after.verdict().name(), k -> new Tally());
                        t.count++;
                        if (t.examples.size() < EXAMPLES) {
                            t.examples.add(new Example(facts, List.copyOf(rulesBefore), List.copyOf(rulesAfter)));
                        }
                    }
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordStore.Unavailable("the decisions to replay cannot be read", e);
        }
        List<Transition> found = new ArrayList<>();
        transitions.forEach((key, t) -> {
            String[] verdicts = key.split(" → ");
            found.add(new Transition(verdicts[0], verdicts[1], t.count, t.examples));
        });
        return new Impact(period, decisions, found, newly, stopping, (System.nanoTime() - started) / 1_000_000);
    }
}
