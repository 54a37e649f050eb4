package org.acupressurecds.ruleset;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.acupressurecds.store.RecordStore;

/**
 * What the record says of each rule over a time range: how often it fired and in what share of decisions, the cards
 * of the decisions it fired in and what clinicians did with them, and the verdicts per rule-set version and day.
 */
@ApplicationScoped
public class RuleStatistics {


    /** One rule: times fired, the share of decisions, cards issued where it fired, their feedback and reasons. */
    public record RuleUse(String rule, String source, long fired, double share, long cards, long accepted,
            long overridden, Map<String, Long> overrideReasons) {
    }

    /** verdictsPerVersion: version to verdict to count; verdictsPerDay: day (clinical zone) to verdict to count. */
    public record Report(Instant from, Instant to, long decisions, List<RuleUse> rules,
            Map<String, Map<String, Long>> verdictsPerVersion, Map<LocalDate, Map<String, Long>> verdictsPerDay) {
    }

    private static final class Tally {
        String source;
        long fired;
        long cards;
        long accepted;
        long overridden;
        final Map<String, Long> reasons = new TreeMap<>();
    }

    private final RecordStore store;

    public RuleStatistics(RecordStore store) {
        this.store = store;
    }

    public Report report(Instant from, Instant to, ZoneId zone) {
        Map<String, Tally> byRule = new TreeMap<>();
        Map<String, Map<String, Long>> perVersion = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> perDay = new TreeMap<>();
        long decisions = 0;
        String sql = "SELECT d.id, d.decided_at, d.verdict, d.ruleset_version, c.uuid, "
                + "(SELECT COUNT(*) FROM feedback f WHERE f.card_uuid = c.uuid AND f.outcome = 'ACCEPTED'), "
                + "(SELECT COUNT(*) FROM feedback f WHERE f.card_uuid = c.uuid AND f.outcome = 'OVERRIDDEN') "
                + "FROM decision d LEFT JOIN card c ON c.decision_id = d.id WHERE d.decided_at >= ? AND d.decided_at < ?";
        String fired = "SELECT r.decision_id, r.rule_name, r.rule_source FROM decision_rule r "
                + "JOIN decision d ON d.id = r.decision_id WHERE d.decided_at >= ? AND d.decided_at < ?";
        Map<String, Map<String, Long>> reasonsByCard = overrideReasons(from, to);
        Map<String, CardTally> cards = new HashMap<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql);
                PreparedStatement rules = c.prepareStatement(fired)) {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    decisions++;
                    String verdict = r.getString(3);
                    perVersion.computeIfAbsent(r.getString(4), v -> new TreeMap<>()).merge(verdict, 1L, Long::sum);
                    perDay.computeIfAbsent(r.getTimestamp(2).toInstant().atZone(zone).toLocalDate(), d -> new TreeMap<>())
                            .merge(verdict, 1L, Long::sum);
                    if (r.getString(5) != null) {
                        cards.put(r.getString(1), new CardTally(r.getString(5), r.getLong(6), r.getLong(7)));
                    }
                }
            }
            rules.setTimestamp(1, Timestamp.from(from));
            rules.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = rules.executeQuery()) {
                while (r.next()) {
                    Tally t = byRule.computeIfAbsent(r.getString(2), k -> new Tally());
                    t.source = r.getString(3);
                    t.fired++;
                    CardTally card = cards.get(r.getString(1));
                    if (card != null) {
                        t.cards++;
                        t.accepted += card.accepted();
                        t.overridden += card.overridden();
                        reasonsByCard.getOrDefault(card.uuid(), Map.of())
                                .forEach((reason, n) -> t.reasons.merge(reason, n, Long::sum));
                    }
                }
            }
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the rule statistics cannot be read", e);
        }
        long total = decisions;
        List<RuleUse> rules = new ArrayList<>();
        byRule.forEach((rule, t) -> rules.add(new RuleUse(rule, t.source, t.fired,
                total == 0 ? 0 : (double) t.fired / total, t.cards, t.accepted, t.overridden, t.reasons)));
        return new Report(from, to, decisions, rules, perVersion, perDay);
    }

    /** The card that showed a decision, and its feedback: how often accepted and overridden. */
    private record CardTally(String uuid, long accepted, long overridden) {
    }

    /** Card to override reason to count, for the cards of decisions in the range. */
    private Map<String, Map<String, Long>> overrideReasons(Instant from, Instant to) {
        Map<String, Map<String, Long>> found = new LinkedHashMap<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT f.card_uuid, f.override_reason FROM feedback f JOIN card c ON c.uuid = f.card_uuid "
                        + "JOIN decision d ON d.id = c.decision_id WHERE f.override_reason IS NOT NULL "
                        + "AND d.decided_at >= ? AND d.decided_at < ?")) {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).merge(r.getString(2), 1L, Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the override reasons cannot be read", e);
        }
        return found;
    }
}
