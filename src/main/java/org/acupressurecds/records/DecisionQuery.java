package org.acupressurecds.records;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.knowledge.Verdict;

/**
 * A search of the decision record, from GET /api/v1/decisions' query string: a time range, channel, verdict, a rule
 * that fired, the rule-set version, the caller (subject); paged. Unknown parameters and bad values are errors.
 */
public record DecisionQuery(Instant from, Instant to, Channel channel, Verdict verdict, String rule, String version,
        String caller, int page, int size) {

    static final int MAX_SIZE = 200;
    static final List<String> PARAMETERS = List.of("from", "to", "channel", "verdict", "rule", "version", "caller",
            "page", "size");

    /** Parses the query string's parameters (name to values), or says everything wrong with them. */
    static DecisionQuery parse(Map<String, List<String>> parameters, List<FieldError> errors) {
        Set<String> unknown = new java.util.TreeSet<>(parameters.keySet());
        PARAMETERS.forEach(unknown::remove);
        unknown.forEach(name -> errors.add(new FieldError(name, "is not a parameter of this search", PARAMETERS)));
        return new DecisionQuery(instant(parameters, "from", errors), instant(parameters, "to", errors),
                vocabulary(parameters, "channel", Channel.class, errors),
                vocabulary(parameters, "verdict", Verdict.class, errors), one(parameters, "rule", errors),
                one(parameters, "version", errors), one(parameters, "caller", errors),
                number(parameters, "page", 0, 0, Integer.MAX_VALUE, errors),
                number(parameters, "size", 50, 1, MAX_SIZE, errors));
    }

    private static String one(Map<String, List<String>> parameters, String name, List<FieldError> errors) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(new FieldError(name, "is given more than once"));
        }
        return values.get(0);
    }

    private static Instant instant(Map<String, List<String>> parameters, String name, List<FieldError> errors) {
        String text = one(parameters, name, errors);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO 8601 instant, e.g. 2026-11-24T00:00:00Z"));
            return null;
        }
    }

    private static <E extends Enum<E>> E vocabulary(Map<String, List<String>> parameters, String name, Class<E> type,
            List<FieldError> errors) {
        String text = one(parameters, name, errors);
        try {
            return text == null ? null : Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.notOneOf(name, "must be one of the allowed values", type));
            return null;
        }
    }

    private static int number(Map<String, List<String>> parameters, String name, int otherwise, int min, int max,
            List<FieldError> errors) {
        String text = one(parameters, name, errors);
        try {
            int n = text == null ? otherwise : Integer.parseInt(text);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
            return otherwise;
        }
    }
}
