package org.acupressurecds.http;

import java.util.Arrays;
import java.util.List;

/** One bad field of a request: its JSON path, what is wrong, and for a closed vocabulary the values allowed. */
public record FieldError(String field, String message, List<String> allowedValues) {

    public FieldError(String field, String message) {
        this(field, message, null);
    }

    public static FieldError notOneOf(String field, String message, Class<? extends Enum<?>> vocabulary) {
        return new FieldError(field, message,
                Arrays.stream(vocabulary.getEnumConstants()).map(Enum::name).toList());
    }
}
