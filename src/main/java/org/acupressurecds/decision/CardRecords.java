package org.acupressurecds.decision;

import org.acupressurecds.http.Requester;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acupressurecds.store.RecordStore;
import org.jboss.logging.Logger;

/**
 * The cards this service issued and the feedback on them, from the store: feedback for a card issued by another
 * instance, or before a restart, is found. It records no patient data.
 */
@ApplicationScoped
public class CardRecords {

    private static final Logger LOG = Logger.getLogger(CardRecords.class);

    /**
     * A card with the rule-set version that decided it, the override reasons it offered, and the issuer of the EHR
     * client it was issued to (null in open mode).
     */
    public record IssuedCard(String uuid, String rulesetVersion, List<String> overrideReasons, String issuedTo,
            List<String> suggestions) {
    }

    /**
     * Feedback as kept: outcome (accepted, overridden), the override reason's code, the EHR's timestamp, and who sent
     * it (anonymous in open mode, and for feedback kept before senders were).
     */
    /** acceptedSuggestion: the uuid of the suggestion the clinician accepted, null where none. */
    public record Feedback(String card, Outcome outcome, String overrideReason, String outcomeAt, Requester sender,
            String acceptedSuggestion) {

        public Feedback(String card, Outcome outcome, String overrideReason, String outcomeAt) {
            this(card, outcome, overrideReason, outcomeAt, Requester.ANONYMOUS, null);
        }
    }

    private final RecordStore store;

    CardRecords(RecordStore store) {
        this.store = store;
    }

    public Optional<IssuedCard> find(String uuid) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT d.ruleset_version, d.caller_issuer FROM card c "
                        + "JOIN decision d ON d.id = c.decision_id WHERE c.uuid = ?")) {
            q.setString(1, uuid);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IssuedCard(uuid, r.getString(1), overrideReasons(c, uuid), r.getString(2),
                        suggestions(c, uuid)));
            }
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the card records cannot be read", e);
        }
    }

    /** The uuids of the suggestions a card offered. */
    static List<String> suggestions(Connection c, String card) throws SQLException {
        return offered(c, "SELECT suggestion_uuid FROM card_suggestion WHERE card_uuid = ? ORDER BY ordinal", card);
    }

    /** The override reasons a card offered, in the order it offered them. */
    static List<String> overrideReasons(Connection c, String card) throws SQLException {
        return offered(c, "SELECT reason_code FROM card_override_reason WHERE card_uuid = ? ORDER BY ordinal", card);
    }

    /** What a card offered, one row of its own table each, in the card's order. */
    private static List<String> offered(Connection c, String sql, String card) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, card);
            List<String> found = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(r.getString(1));
                }
            }
            return found;
        }
    }

    public void record(Feedback feedback, String rulesetVersion) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO feedback (card_uuid, outcome, "
                        + "override_reason, outcome_at, recorded_at, sender_issuer, sender_subject, accepted_suggestion) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, feedback.card());
            insert.setString(2, feedback.outcome().name());
            insert.setString(3, feedback.overrideReason());
            insert.setString(4, feedback.outcomeAt());
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.setString(6, feedback.sender().issuer());
            insert.setString(7, feedback.sender().subject());
            insert.setString(8, feedback.acceptedSuggestion());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the feedback cannot be recorded", e);
        }
        LOG.infof("CDS feedback: card %s %s%s (rule set %s)", feedback.card(), feedback.outcome().wire(),
                (feedback.overrideReason() == null ? "" : ", reason " + feedback.overrideReason())
                        + (feedback.acceptedSuggestion() == null ? "" : ", suggestion " + feedback.acceptedSuggestion()
                        + " accepted"), rulesetVersion);
    }

    public List<Feedback> feedbackOn(String card) {
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT outcome, override_reason, outcome_at, sender_issuer, "
                        + "sender_subject, accepted_suggestion FROM feedback WHERE card_uuid = ? ORDER BY id")) {
            q.setString(1, card);
            List<Feedback> found = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(new Feedback(card, Outcome.valueOf(r.getString(1)), r.getString(2), r.getString(3),
                            new Requester(r.getString(4), r.getString(5)), r.getString(6)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new RecordStore.Unavailable("the feedback cannot be read", e);
        }
    }
}
