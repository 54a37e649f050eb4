package org.acupressurecds.decision;

import static org.acupressurecds.store.RecordReads.condition;
import static org.acupressurecds.store.RecordReads.prepare;
import static org.acupressurecds.store.RecordReads.recordRead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acupressurecds.http.Requester;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.RecordReads;
import org.acupressurecds.store.RecordedFacts;
import org.acupressurecds.store.RecordStore;

/**
 * Reads of the decision record, for auditors. Every read is itself recorded first: who, when, which query.
 */
@ApplicationScoped
public class DecisionRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A decision as a search lists it. */
    public record Summary(String id, Instant decidedAt, Channel channel, Requester requester, String rulesetVersion,
            Verdict verdict, LocalDate assessmentDate, String card) {
    }

    /** The card that showed a decision: its urgency, and the override reasons it offered, joined by commas. */
    public record Card(String uuid, Indicator indicator, String overrideReasons) {
    }

    /** A page of a search, newest first. */
    public record Page(List<Summary> decisions, int page, int size, long total) {
    }

    /** A decision whole: the summary, the pseudonymised facts, rules, missing data, digest, card and feedback. */
    public record Whole(Summary decision, JsonNode facts, List<DecisionRecord.FiredRule> rulesFired,
            JsonNode missingData, String requestDigest, Card card, List<CardRecords.Feedback> feedback) {
    }

    private final RecordStore store;
    private final CardRecords cards;

    DecisionRecords(RecordStore store, CardRecords cards) {
        this.store = store;
        this.cards = cards;
    }

    public Page search(DecisionQuery q, String reader, String query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        condition(where, values, " AND d.decided_at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        condition(where, values, " AND d.decided_at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        condition(where, values, " AND d.channel = ?", q.channel() == null ? null : q.channel().name());
        condition(where, values, " AND d.verdict = ?", q.verdict() == null ? null : q.verdict().name());
        // Each as a subquery of its own, not bound to the decision's row: the store reads it once, not once a row.
        condition(where, values, " AND d.fired_list_id IN (" + LISTS_WITH_RULE + ")", q.rule());
        condition(where, values, " AND d.fired_list_id IN (" + LISTS_WITH_RULE + " AND f.decided = TRUE)",
                q.decidedBy());
        condition(where, values, " AND d.id IN (SELECT k.decision_id FROM card k JOIN feedback f "
                + "ON f.card_uuid = k.uuid WHERE f.outcome = ?)", q.outcome() == null ? null : q.outcome().name());
        condition(where, values, " AND d.ruleset_version = ?", q.version());
        condition(where, values, " AND d.caller_subject = ?", q.caller());
        try (Connection c = store.dataSource().getConnection()) {
            recordRead(c, reader, query);
            RecordReads.Paged<Summary> found = RecordReads.page(c, "SELECT COUNT(*) FROM decision d" + where,
                    SUMMARY + where + " ORDER BY d.decided_at DESC, d.id", values, q.page(), q.size(),
                    DecisionRecords::summary);
            return new Page(found.rows(), q.page(), q.size(), found.total());
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the decision record cannot be read", e);
        }
    }

    public Optional<Whole> find(String id, String reader, String query) {
        try (Connection c = store.dataSource().getConnection()) {
            recordRead(c, reader, query);
            try (PreparedStatement select = prepare(c, SUMMARY.replace("SELECT ", "SELECT d.facts, "
                    + "d.missing_data, d.request_digest, c.indicator, ") + " WHERE d.id = ?",
                    List.of(id)); ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Summary summary = summary(r);
                Card card = summary.card() == null ? null : new Card(summary.card(),
                        Indicator.valueOf(r.getString("indicator")),
                        String.join(",", CardRecords.overrideReasons(c, summary.card())));
                return Optional.of(new Whole(summary, RecordedFacts.readable(r.getString("facts")), rulesFired(c, id),
                        JSON.readTree(r.getString("missing_data")), r.getString("request_digest"), card,
                        summary.card() == null ? List.of() : cards.feedbackOn(summary.card())));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RecordStore.Unavailable("the decision record cannot be read", e);
        }
    }

    private static final String LISTS_WITH_RULE = "SELECT f.fired_list_id FROM fired_list_rule f "
            + "JOIN ruleset_rule k ON k.id = f.rule_id WHERE k.rule_name = ?";

    private static final String SUMMARY = "SELECT d.id, d.decided_at, d.channel, d.caller_issuer, d.caller_subject, "
            + "d.ruleset_version, d.verdict, d.assessment_date, c.uuid AS card_uuid FROM decision d "
            + "LEFT JOIN card c ON c.decision_id = d.id";

    private static Summary summary(ResultSet r) throws SQLException {
        return new Summary(r.getString("id"), r.getTimestamp("decided_at").toInstant(),
                Channel.valueOf(r.getString("channel")),
                new Requester(r.getString("caller_issuer"), r.getString("caller_subject")),
                r.getString("ruleset_version"), Verdict.valueOf(r.getString("verdict")),
                r.getDate("assessment_date").toLocalDate(), r.getString("card_uuid"));
    }

    /** The rules that fired for a decision, in the order of its answer's reasons, with their guide sections. */
    static List<DecisionRecord.FiredRule> rulesFired(Connection c, String decision) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT k.rule_name, k.rule_source, f.decided FROM decision d "
                + "JOIN fired_list_rule f ON f.fired_list_id = d.fired_list_id JOIN ruleset_rule k ON k.id = f.rule_id "
                + "WHERE d.id = ? ORDER BY f.ordinal")) {
            q.setString(1, decision);
            List<DecisionRecord.FiredRule> fired = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    fired.add(new DecisionRecord.FiredRule(r.getString(1), r.getString(2), r.getObject(3, Boolean.class)));
                }
            }
            return fired;
        }
    }
}
