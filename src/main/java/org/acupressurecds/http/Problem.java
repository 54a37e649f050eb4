package org.acupressurecds.http;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;

/** An RFC 9457 problem detail; errors is the extension member that lists each bad field. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String INVALID_REQUEST = "https://acupressure-cds.org/problems/invalid-request";

    /** The most errors one answer lists: a body of any size gets an answer of a few KB. */
    static final int MAX_ERRORS = 10;

    public static Response invalidRequest(List<FieldError> errors) {
        List<FieldError> shown = errors.size() <= MAX_ERRORS ? errors : errors.subList(0, MAX_ERRORS);
        String detail = shown.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "))
                + (errors.size() > MAX_ERRORS ? "; and " + (errors.size() - MAX_ERRORS) + " more error(s)" : "");
        return response(new Problem(INVALID_REQUEST, "Invalid request", 400, detail, List.copyOf(shown)));
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
