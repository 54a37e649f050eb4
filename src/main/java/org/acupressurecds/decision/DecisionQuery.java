package org.acupressurecds.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.store.QueryParameters;

/**
 * A search of the decision record, from GET /api/v1/decisions' query string: a time range, channel, verdict, a rule
 * that fired, a rule that decided the verdict (decidedBy), what the clinician did with the card (outcome), the
 * rule-set version, the caller (subject); paged. Unknown parameters and bad values are errors.
 */
public record DecisionQuery(Instant from, Instant to, Channel channel, Verdict verdict, String rule, String decidedBy,
        Outcome outcome, String version, String caller, int page, int size) {

    static final List<String> PARAMETERS = List.of("from", "to", "channel", "verdict", "rule", "decidedBy", "outcome",
            "version", "caller", "page", "size");

    /** Parses the query string's parameters (name to values), or says everything wrong with them. */
    static DecisionQuery parse(Map<String, List<String>> parameters, List<FieldError> errors) {
        QueryParameters q = new QueryParameters(parameters, PARAMETERS, errors);
        return new DecisionQuery(q.instant("from", null), q.instant("to", null), q.vocabulary("channel", Channel.class),
                q.vocabulary("verdict", Verdict.class), q.one("rule"), q.one("decidedBy"),
                outcome(q.one("outcome"), errors), q.one("version"), q.one("caller"),
                q.number("page", 0, 0, Integer.MAX_VALUE), q.number("size", 50, 1, QueryParameters.MAX_PAGE_SIZE));
    }

    /** The outcome by its CDS Hooks name (accepted, overridden), as feedback gives it. */
    private static Outcome outcome(String text, List<FieldError> errors) {
        Outcome outcome = text == null ? null : Outcome.fromWire(text).orElse(null);
        if (text != null && outcome == null) {
            errors.add(new FieldError("outcome", "must be one of the allowed values", Outcome.WIRE_NAMES));
        }
        return outcome;
    }
}
