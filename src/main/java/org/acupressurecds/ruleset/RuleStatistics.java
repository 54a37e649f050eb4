package org.acupressurecds.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.acupressurecds.knowledge.OverrideReason;
import org.acupressurecds.store.RecordStore;
import org.acupressurecds.store.RecordedFacts;

/**
 * What the record says of each rule over a time range: how often it fired and in what share of decisions, how often
 * it decided the verdict, and what clinicians did with the cards of the decisions it decided (an override counts
 * against the rules that decided the verdict, not those that shaped the plan); the verdicts per rule-set version and
 * day. Every rule of the serving set is listed, 0 where it never fired.
 */
@ApplicationScoped
public class RuleStatistics {

    /** How many overridden decisions a rule shows as examples, by their pseudonymised facts. */
    static final int EXAMPLES = 3;
    private static final String DECISIONS = "/api/v1/decisions";

    /**
     * One rule: decisions it fired in (and their share), decisions whose verdict it decided, and of the cards of those:
     * how many, accepted (suggestionsAccepted: with the card's suggestion taken, e.g. its care plan), overridden and
     * why (code and text); decisions: the decision searches that list those
     * counted (for auditors); overriddenExamples: the pseudonymised facts of a few overridden ones (for rule authors,
     * who may not read decisions).
     */
    public record RuleUse(String rule, String source, long fired, double share, long decided, long cards,
            long accepted, long suggestionsAccepted, long overridden, List<ReasonCount> overrideReasons,
            Searches decisions, List<JsonNode> overriddenExamples) {
    }

    /**
     * GET /api/v1/decisions searches for the decisions behind each count over the same range: those the rule fired
     * in, those it decided, and of those the accepted and the overridden; null where the count is 0.
     */
    public record Searches(String fired, String decided, String accepted, String overridden) {

        static Searches of(String rule, Tally t, Instant from, Instant to) {
            String range = "&from=" + from + "&to=" + to;
            String name = URLEncoder.encode(rule, StandardCharsets.UTF_8);
            String decidedBy = DECISIONS + "?decidedBy=" + name;
            return new Searches(t.fired == 0 ? null : DECISIONS + "?rule=" + name + range,
                    t.decided == 0 ? null : decidedBy + range,
                    t.accepted == 0 ? null : decidedBy + "&outcome=accepted" + range,
                    t.overridden == 0 ? null : decidedBy + "&outcome=overridden" + range);
        }
    }

    public record ReasonCount(String code, String text, long count) {
    }

    /**
     * Feedback on decisions kept before the record said which rules decided them: counted here, against no rule.
     */
    public record Unattributed(long cards, long accepted, long overridden) {
    }

    /** verdictsPerVersion: version to verdict to count; verdictsPerDay: day (clinical zone) to verdict to count. */
    public record Report(Instant from, Instant to, long decisions, List<RuleUse> rules, Unattributed unattributed,
            Map<String, Map<String, Long>> verdictsPerVersion, Map<LocalDate, Map<String, Long>> verdictsPerDay) {
    }

    private static final class Tally {
        String source;
        long fired;
        long decided;
        long cards;
        long accepted;
        long suggestionsAccepted;
        long overridden;
        final Map<String, Long> reasons = new TreeMap<>();
        final List<String> overriddenIds = new ArrayList<>();
    }

    private final RecordStore store;

    public RuleStatistics(RecordStore store) {
        this.store = store;
    }

    /** rules: the serving set's rules, name to source, listed even where they never fired. */
    public Report report(Instant from, Instant to, ZoneId zone, Map<String, String> rules) {
        Map<String, Tally> byRule = new TreeMap<>();
        rules.forEach((rule, source) -> byRule.computeIfAbsent(rule, k -> new Tally()).source = source);
        Map<String, Map<String, Long>> perVersion = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> perDay = new TreeMap<>();
        long decisions = 0;
        long[] unattributed = new long[3]; // cards, accepted, overridden of decisions kept before V8
        String sql = "SELECT d.id, d.decided_at, d.verdict, d.ruleset_version, c.uuid, "
                + "(SELECT COUNT(*) FROM feedback f WHERE f.card_uuid = c.uuid AND f.outcome = 'ACCEPTED'), "
                + "(SELECT COUNT(*) FROM feedback f WHERE f.card_uuid = c.uuid AND f.outcome = 'OVERRIDDEN'), "
                + "(SELECT COUNT(*) FROM fired_list_rule f WHERE f.fired_list_id = d.fired_list_id "
                + "AND f.decided IS NOT NULL), "
                + "(SELECT COUNT(*) FROM feedback f WHERE f.card_uuid = c.uuid AND f.accepted_suggestion IS NOT NULL) "
                + "FROM decision d LEFT JOIN card c ON c.decision_id = d.id WHERE d.decided_at >= ? AND d.decided_at < ?";
        String fired = "SELECT d.id, k.rule_name, k.rule_source, f.decided FROM decision d "
                + "JOIN fired_list_rule f ON f.fired_list_id = d.fired_list_id JOIN ruleset_rule k ON k.id = f.rule_id "
                + "WHERE d.decided_at >= ? AND d.decided_at < ?";
        Map<String, Map<String, Long>> reasonsByCard = overrideReasons(from, to);
        Map<String, CardTally> cards = new HashMap<>();
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql);
                PreparedStatement firedRules = c.prepareStatement(fired)) {
            q.setTimestamp(1, Timestamp.from(from));
            q.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    decisions++;
                    String verdict = r.getString(3);
                    perVersion.computeIfAbsent(r.getString(4), v -> new TreeMap<>()).merge(verdict, 1L, Long::sum);
                    perDay.computeIfAbsent(r.getTimestamp(2).toInstant().atZone(zone).toLocalDate(), d -> new TreeMap<>())
                            .merge(verdict, 1L, Long::sum);
                    if (r.getString(5) != null && r.getLong(8) == 0) {
                        unattributed[0]++;
                        unattributed[1] += r.getLong(6);
                        unattributed[2] += r.getLong(7);
                    } else if (r.getString(5) != null) {
                        cards.put(r.getString(1), new CardTally(r.getString(5), r.getLong(6), r.getLong(7),
                                r.getLong(9)));
                    }
                }
            }
            firedRules.setTimestamp(1, Timestamp.from(from));
            firedRules.setTimestamp(2, Timestamp.from(to));
            try (ResultSet r = firedRules.executeQuery()) {
                while (r.next()) {
                    Tally t = byRule.computeIfAbsent(r.getString(2), k -> new Tally());
                    if (t.source == null) {
                        t.source = r.getString(3);
                    }
                    t.fired++;
                    if (!r.getBoolean(4)) { // it shaped the plan (or it is not known): the card's feedback is not its
                        continue;
                    }
                    t.decided++;
                    CardTally card = cards.get(r.getString(1));
                    if (card != null) {
                        t.cards++;
                        t.accepted += card.accepted();
                        t.suggestionsAccepted += card.suggestionsAccepted();
                        t.overridden += card.overridden();
                        if (card.overridden() > 0 && t.overriddenIds.size() < EXAMPLES) {
                            t.overriddenIds.add(r.getString(1));
                        }
                        reasonsByCard.getOrDefault(card.uuid(), Map.of())
                                .forEach((reason, n) -> t.reasons.merge(reason, n, Long::sum));
                    }
                }
            }
            Map<String, JsonNode> facts = facts(c, byRule.values().stream().flatMap(t -> t.overriddenIds.stream()).toList());
            long total = decisions;
            List<RuleUse> uses = new ArrayList<>();
            byRule.forEach((rule, t) -> uses.add(new RuleUse(rule, t.source, t.fired,
                    total == 0 ? 0 : (double) t.fired / total, t.decided, t.cards, t.accepted, t.suggestionsAccepted,
                    t.overridden,
                    t.reasons.entrySet().stream().map(e -> new ReasonCount(e.getKey(),
                            OverrideReason.ofCode(e.getKey()).map(OverrideReason::display).orElse(e.getKey()), e.getValue()))
                            .toList(),
                    Searches.of(rule, t, from, to),
                    t.overriddenIds.stream().map(facts::get).toList())));
            return new Report(from, to, decisions, uses, new Unattributed(unattributed[0], unattributed[1],
                    unattributed[2]), perVersion, perDay);
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the rule statistics cannot be read", e);
        }
    }

    /** The pseudonymised facts of the decisions, by id. */
    private static Map<String, JsonNode> facts(Connection c, List<String> ids) throws SQLException {
        Map<String, JsonNode> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT id, facts FROM decision WHERE id IN ("
                + String.join(", ", ids.stream().map(id -> "?").toList()) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                q.setString(i + 1, ids.get(i));
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), RecordedFacts.readable(r.getString(2)));
                }
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("a decision's facts are not JSON", e);
        }
        return found;
    }

    /** The card that showed a decision, and its feedback: how often accepted and overridden. */
    private record CardTally(String uuid, long accepted, long overridden, long suggestionsAccepted) {
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
