package org.acupressurecds.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acupressurecds.decision.Outcome;
import org.acupressurecds.cdshooks.CdsJson.Coding;
import org.acupressurecds.cdshooks.CdsJson.Feedback;
import org.acupressurecds.cdshooks.CdsJson.FeedbackRequest;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.decision.CardRecords;
import org.acupressurecds.decision.CardRecords.IssuedCard;
import org.acupressurecds.http.Requester;
import org.acupressurecds.knowledge.OverrideReason;

/** Feedback on the cards this service returned: checked against the card it names, then recorded. */
@ApplicationScoped
public class CardFeedback {

    private static final int MAX_COMMENT = 1000;

    private final CardRecords cards;

    CardFeedback(CardRecords cards) {
        this.cards = cards;
    }

    /**
     * The problems of feedback from the sender: a card is found only if it was issued to the sender's EHR client (or
     * to no client: open mode, or before clients were recorded), so no client learns of another's cards.
     */
    List<FieldError> problems(FeedbackRequest r, Requester sender) {
        List<FieldError> errors = new ArrayList<>();
        if (r.feedback() == null || r.feedback().isEmpty()) {
            errors.add(new FieldError("feedback", "is required: one entry or more"));
            return errors;
        }
        for (int i = 0; i < r.feedback().size(); i++) {
            Feedback f = r.feedback().get(i);
            String at = "feedback[" + i + "].";
            if (f == null) {
                errors.add(new FieldError("feedback[" + i + "]", "must be an object"));
                continue;
            }
            Optional<IssuedCard> card = f.card() == null ? Optional.empty() : cards.find(f.card())
                    .filter(found -> receivedBy(found, sender));
            if (card.isEmpty()) {
                errors.add(new FieldError(at + "card", "must be the uuid of a card this service returned"));
            }
            Optional<Outcome> outcome = Outcome.fromWire(f.outcome());
            if (outcome.isEmpty()) {
                errors.add(new FieldError(at + "outcome", "must be accepted or overridden", Outcome.WIRE_NAMES));
            }
            if (f.overrideReason() != null && outcome.orElse(null) != Outcome.OVERRIDDEN) {
                errors.add(new FieldError(at + "overrideReason", "goes only with the outcome overridden"));
            } else if (f.overrideReason() != null) {
                Coding reason = f.overrideReason().reason();
                List<String> offered = card.map(IssuedCard::overrideReasons).orElse(List.of());
                if (reason != null && (!OverrideReason.SYSTEM.equals(reason.system())
                        || reason.code() == null || !offered.contains(reason.code()))) {
                    errors.add(new FieldError(at + "overrideReason.reason", "must be one of the card's overrideReasons",
                            offered));
                }
                String comment = f.overrideReason().userComment();
                if (comment != null && comment.length() > MAX_COMMENT) {
                    errors.add(new FieldError(at + "overrideReason.userComment", "must be at most " + MAX_COMMENT
                            + " characters"));
                }
            }
            List<JsonNode> accepted = f.acceptedSuggestions() == null ? List.of() : f.acceptedSuggestions();
            if (!accepted.isEmpty() && outcome.orElse(null) != Outcome.ACCEPTED) {
                errors.add(new FieldError(at + "acceptedSuggestions", "go only with the outcome accepted"));
            } else if (accepted.size() > 1) {
                errors.add(new FieldError(at + "acceptedSuggestions", "name at most one: a card offers at most one "
                        + "(its selectionBehavior is at-most-one)"));
            } else if (!accepted.isEmpty()) {
                List<String> offered = card.map(IssuedCard::suggestions).orElse(List.of());
                if (!offered.contains(accepted.get(0).path("id").asText(null))) {
                    errors.add(new FieldError(at + "acceptedSuggestions[0].id", "must be the uuid of a suggestion this "
                            + "card offered", offered));
                }
            }
            if (f.outcomeTimestamp() == null || !isTimestamp(f.outcomeTimestamp())) {
                errors.add(new FieldError(at + "outcomeTimestamp", "is required: an ISO 8601 date-time with offset"));
            }
        }
        return errors;
    }

    /** Whether the sender may give feedback on the card: open mode, a card issued to no client, or to its own. */
    private static boolean receivedBy(IssuedCard card, Requester sender) {
        return sender.issuer() == null || card.issuedTo() == null || card.issuedTo().equals(sender.issuer());
    }

    /**
     * Records feedback that passed {@link #problems}, with who sent it; the user's comment is free text and is never
     * kept.
     */
    void record(FeedbackRequest request, Requester sender) {
        for (Feedback f : request.feedback()) {
            IssuedCard card = cards.find(f.card()).orElseThrow();
            cards.record(new CardRecords.Feedback(f.card(), Outcome.fromWire(f.outcome()).orElseThrow(),
                    f.overrideReason() == null || f.overrideReason().reason() == null ? null
                            : f.overrideReason().reason().code(), f.outcomeTimestamp(), sender,
                    f.acceptedSuggestions() == null || f.acceptedSuggestions().isEmpty() ? null
                            : f.acceptedSuggestions().get(0).path("id").asText()), card.rulesetVersion());
        }
    }

    private static boolean isTimestamp(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
