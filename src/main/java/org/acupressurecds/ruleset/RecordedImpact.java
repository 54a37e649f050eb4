package org.acupressurecds.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.acupressurecds.ruleset.ImpactAnalysis;
import org.acupressurecds.engine.Evaluator;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.store.RecordStore;
import org.acupressurecds.store.RecordedFacts;

/**
 * The impact of a draft, from the decision record: every decision of the period is replayed from its pseudonymised
 * facts on its own assessment date, and compared with what was decided then.
 */
@ApplicationScoped
public class RecordedImpact implements ImpactAnalysis {

    static final int EXAMPLES = 5;
    private static final int CHUNK = 1000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final RecordStore store;
    private final Clock clock;

    public RecordedImpact(RecordStore store, Clock clock) {
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

    /** One recorded decision as the replay reads it: exported as a JSON line for the check's own process. */
    public record Row(String verdict, LocalDate assessmentDate, String facts, List<String> rulesFired) {
    }

    /** Replays every decision recorded in the period against the draft, in this process. */
    @Override
    public Impact of(RuleSet draft, Period period) {
        long started = System.nanoTime();
        Impact[] impact = new Impact[1];
        rows(period, rows -> impact[0] = tally(draft, period, rows, started));
        return impact[0];
    }

    /** Writes the decisions of the period to the file, one JSON line each: what a replay elsewhere reads. */
    @Override
    public long export(Period period, Path file) {
        long[] written = {0};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            rows(period, rows -> rows.forEachRemaining(row -> {
                try {
                    out.write(JSON.writeValueAsString(row));
                    out.write('\n');
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (IOException | UncheckedIOException e) {
            throw new RecordStore.Unavailable("the decisions to replay cannot be written out", e);
        }
        return written[0];
    }

    /** Replays the decisions a file written by export holds against the draft, in this process. */
    public static Impact replay(RuleSet draft, Period period, Path file) {
        long started = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Iterator<Row> rows = in.lines().map(line -> {
                try {
                    return JSON.readValue(line, Row.class);
                } catch (JsonProcessingException e) {
                    throw new RecordStore.Unavailable("a recorded decision cannot be read back", e);
                }
            }).iterator();
            return tally(draft, period, rows, started);
        } catch (IOException e) {
            throw new RecordStore.Unavailable("the decisions to replay cannot be read", e);
        }
    }

    /** The period's rows, oldest first, streamed from the store to the consumer. */
    private void rows(Period period, Consumer<Iterator<Row>> consumer) {
        Instant to = Instant.now(clock);
        Instant from = to.atZone(clock.getZone()).minus(period).toInstant();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT d.id, d.verdict, d.assessment_date, d.facts, k.rule_name FROM decision d "
                        + "LEFT JOIN fired_list_rule f ON f.fired_list_id = d.fired_list_id "
                        + "LEFT JOIN ruleset_rule k ON k.id = f.rule_id WHERE d.decided_at >= ? "
                        + "AND d.decided_at < ? ORDER BY d.decided_at, d.id, f.ordinal")) {
            c.setAutoCommit(false); // PostgreSQL streams by the fetch size only inside a transaction
            q.setFetchSize(CHUNK);
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                consumer.accept(new ResultRows(r));
            } finally {
                c.rollback(); // only read
            }
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the decisions to replay cannot be read", e);
        }
    }

    /**
     * The decisions of a result set, read as they are asked for: one result row per rule that fired (or one with no
     * rule), a decision's rows together and in order.
     */
    private static final class ResultRows implements Iterator<Row> {
        private final ResultSet r;
        /** Whether the result set is on a row not taken yet; null before the first. */
        private Boolean onRow;

        ResultRows(ResultSet r) {
            this.r = r;
        }

        @Override
        public boolean hasNext() {
            if (onRow == null) {
                onRow = advance();
            }
            return onRow;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                String id = r.getString("id");
                Row row = new Row(r.getString("verdict"), r.getDate("assessment_date").toLocalDate(),
                        r.getString("facts"), new ArrayList<>());
                do {
                    if (r.getString("rule_name") != null) {
                        row.rulesFired().add(r.getString("rule_name"));
                    }
                    onRow = advance();
                } while (onRow && id.equals(r.getString("id")));
                return row;
            } catch (SQLException e) {
                throw new RecordStore.Unavailable("the decisions to replay cannot be read", e);
            }
        }

        private boolean advance() {
            try {
                return r.next();
            } catch (SQLException e) {
                throw new RecordStore.Unavailable("the decisions to replay cannot be read", e);
            }
        }
    }

    /**
     * Rows are taken in order and replayed a chunk at a time on every core; the tally takes the chunk's results in
     * order, so the counts and the examples chosen do not depend on the threads.
     */
    private static Impact tally(RuleSet draft, Period period, Iterator<Row> rows, long started) {
        Map<String, Tally> transitions = new TreeMap<>();
        Map<String, Long> newly = new TreeMap<>();
        Map<String, Long> stopping = new TreeMap<>();
        long decisions = 0;
        Evaluator evaluator = new Evaluator();
        List<Row> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext() || !chunk.isEmpty()) {
            if (rows.hasNext()) {
                chunk.add(rows.next());
            }
            if (chunk.size() == CHUNK || !rows.hasNext()) {
                for (Replayed d : chunk.parallelStream().map(row -> replay(evaluator, draft, row)).toList()) {
                    decisions++;
                    d.rulesAfter().stream().filter(rule -> !d.rulesBefore().contains(rule))
                            .forEach(rule -> newly.merge(rule, 1L, Long::sum));
                    d.rulesBefore().stream().filter(rule -> !d.rulesAfter().contains(rule))
                            .forEach(rule -> stopping.merge(rule, 1L, Long::sum));
                    if (!d.before().equals(d.after())) {
                        Tally t = transitions.computeIfAbsent(d.before() + " → " + d.after(), k -> new Tally());
                        t.count++;
                        if (t.examples.size() < EXAMPLES
                                && t.examples.stream().noneMatch(e -> e.facts().equals(d.facts()))) {
                            t.examples.add(new Example(d.facts(),
                                    d.rulesBefore().stream().filter(r -> !d.rulesAfter().contains(r)).toList(),
                                    d.rulesAfter().stream().filter(r -> !d.rulesBefore().contains(r)).toList()));
                        }
                    }
                }
                chunk.clear();
            }
        }
        List<Transition> found = new ArrayList<>();
        transitions.forEach((key, t) -> {
            String[] verdicts = key.split(" → ");
            found.add(new Transition(verdicts[0], verdicts[1], t.count, t.examples));
        });
        return new Impact(period, decisions, found, newly, stopping, (System.nanoTime() - started) / 1_000_000);
    }

    private static Replayed replay(Evaluator evaluator, RuleSet draft, Row row) {
        try {
            RecordedFacts facts = RecordedFacts.ofKept(row.facts());
            Assessment after = evaluator.evaluate(draft, facts.toFacts(row.assessmentDate()));
            return new Replayed(facts, row.verdict(), new LinkedHashSet<>(row.rulesFired()), after.verdict().name(),
                    new LinkedHashSet<>(after.reasons().stream().map(Reason::rule).toList()));
        } catch (JsonProcessingException e) {
            throw new RecordStore.Unavailable("a recorded decision cannot be read back", e);
        }
    }
}
