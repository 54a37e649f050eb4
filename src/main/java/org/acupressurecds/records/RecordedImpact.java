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
import java.time.LocalDate;
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
    private static final int CHUNK = 1000;
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

    /** One recorded decision as it was, and as the draft decides it. */
    private record Replayed(RecordedFacts facts, String before, Set<String> rulesBefore, String after,
            Set<String> rulesAfter) {
    }

    private record Row(String verdict, LocalDate assessmentDate, String facts, String rulesFired) {
    }

    /**
     * Rows are read in order and replayed a chunk at a time on every core; the tally takes the chunk's results in
     * order, so the counts and the examples chosen do not depend on the threads.
     */
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
            c.setAutoCommit(false); // PostgreSQL streams by the fetch size only inside a transaction
            q.setFetchSize(CHUNK);
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                List<Row> chunk = new ArrayList<>(CHUNK);
                boolean more = true;
                while (more) {
                    more = r.next();
                    if (more) {
                        chunk.add(new Row(r.getString("verdict"), r.getDate("assessment_date").toLocalDate(),
                                r.getString("facts"), r.getString("rules_fired")));
                    }
                    if (chunk.size() == CHUNK || !more && !chunk.isEmpty()) {
                        for (Replayed d : chunk.parallelStream().map(row -> replay(draft, row)).toList()) {
                            decisions++;
                            d.rulesAfter().stream().filter(rule -> !d.rulesBefore().contains(rule))
                                    .forEach(rule -> newly.merge(rule, 1L, Long::sum));
                            d.rulesBefore().stream().filter(rule -> !d.rulesAfter().contains(rule))
                                    .forEach(rule -> stopping.merge(rule, 1L, Long::sum));
                            if (!d.before().equals(d.after())) {
                                Tally t = transitions.computeIfAbsent(d.before() + " → " + d.after(), k -> new Tally());
                                t.count++;
                                if (t.examples.size() < EXAMPLES) {
                                    t.examples.add(new Example(d.facts(), List.copyOf(d.rulesBefore()),
                                            List.copyOf(d.rulesAfter())));
                                }
                            }
                        }
                        chunk.clear();
                    }
                }
            } finally {
                c.rollback(); // only read
            }
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the decisions to replay cannot be read", e);
        }
        List<Transition> found = new ArrayList<>();
        transitions.forEach((key, t) -> {
            String[] verdicts = key.split(" → ");
            found.add(new Transition(verdicts[0], verdicts[1], t.count, t.examples));
        });
        return new Impact(period, decisions, found, newly, stopping, (System.nanoTime() - started) / 1_000_000);
    }

    private Replayed replay(RuleSet draft, Row row) {
        try {
            RecordedFacts facts = JSON.readValue(row.facts(), RecordedFacts.class);
            Assessment after = evaluator.evaluate(draft, facts.toFacts(row.assessmentDate()));
            Set<String> rulesBefore = new LinkedHashSet<>();
            for (JsonNode fired : JSON.readTree(row.rulesFired())) {
                rulesBefore.add(fired.path("rule").asText());
            }
            return new Replayed(facts, row.verdict(), rulesBefore, after.verdict().name(),
                    new LinkedHashSet<>(after.reasons().stream().map(Reason::rule).toList()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordStore.Unavailable("a recorded decision cannot be read back", e);
        }
    }
}
