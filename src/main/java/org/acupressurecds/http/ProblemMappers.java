package org.acupressurecds.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as application/problem+json. Bad input is a 400 naming the field; nothing a caller sends is
 * logged, since it is patient data.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Problem.invalidRequest(e.errors());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.invalidRequest(List.of(fieldError("", e)));
    }

    /** Named, so it wins over Quarkus's built-in mapper, which answers an empty 400 (trailing JSON, for one). */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // Quarkus wraps JSON that does not parse in a 400 of its own; say where it broke instead.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.response(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                Excerpt.of(e.getMessage(), 200), null));
    }

    /** A bug of ours. The log gets where it happened, never the message: messages can quote patient data. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.errorf("Request failed unexpectedly: %s", where(e));
        return Problem.response(new Problem("about:blank", "Internal Server Error", 500,
                "The service failed to answer; the error is logged.", null));
    }

    static String where(Throwable e) {
        StringBuilder trace = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            trace.append(trace.isEmpty() ? "" : "\n  caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                trace.append("\n    at ").append(frames[i]);
            }
        }
        return trace.toString();
    }

    /** The error for a value that Jackson could not read; field is where the value sits, "" for the body. */
    static FieldError fieldError(String field, Exception e) {
        if (e instanceof IllegalArgumentException && e.getCause() instanceof JsonProcessingException cause) {
            return fieldError(field, cause);
        }
        if (!(e instanceof JsonProcessingException json)) {
            return new FieldError(field, "is invalid");
        }
        if (!(json instanceof JsonMappingException mapping)) {
            JsonLocation at = json.getLocation();
            return new FieldError("body", "is not valid JSON: " + Excerpt.of(json.getOriginalMessage(), 160)
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        String path = path(field, mapping);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path, "is not a known field", unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().toList());
        }
        Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> vocabulary = (Class<? extends Enum<?>>) target;
            String given = mapping instanceof InvalidFormatException format && format.getValue() instanceof String s
                    ? ", not '" + Excerpt.of(s) + "'" : "";
            return FieldError.notOneOf(path, "must be one of the allowed values" + given, vocabulary);
        }
        return new FieldError(path, "must be " + describe(target));
    }

    private static String path(String field, JsonMappingException e) {
        StringBuilder path = new StringBuilder(field);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : Excerpt.of(path.toString(), 160);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date as YYYY-MM-DD";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        return Objects.equals(type.getPackageName(), "java.lang") ? "a " + type.getSimpleName() : "a JSON object";
    }
}
