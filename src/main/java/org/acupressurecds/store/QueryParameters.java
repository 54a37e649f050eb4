package org.acupressurecds.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.acupressurecds.http.FieldError;

/** A query string read strictly: unknown or repeated parameters and bad values are errors that name them. */
public final class QueryParameters {

    /** The most rows one page of a search gives. */
    public static final int MAX_PAGE_SIZE = 200;

    private final Map<String, List<String>> values;
    private final List<FieldError> errors;

    public QueryParameters(Map<String, List<String>> values, List<String> known, List<FieldError> errors) {
        this.values = values;
        this.errors = errors;
        new TreeSet<>(values.keySet()).stream().filter(name -> !known.contains(name))
                .forEach(name -> errors.add(new FieldError(name, "is not a parameter here", known)));
    }

    public String one(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            errors.add(new FieldError(name, "is given more than once"));
        }
        return given.get(0);
    }

    public Instant instant(String name, Instant otherwise) {
        String text = one(name);
        try {
            return text == null ? otherwise : Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO 8601 instant, e.g. 2026-11-24T00:00:00Z"));
            return otherwise;
        }
    }

    public <E extends Enum<E>> E vocabulary(String name, Class<E> type) {
        String text = one(name);
        try {
            return text == null ? null : Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.notOneOf(name, "must be one of the allowed values", type));
            return null;
        }
    }

    public int number(String name, int otherwise, int min, int max) {
        String text = one(name);
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
