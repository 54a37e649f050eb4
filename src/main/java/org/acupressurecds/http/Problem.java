package org.acupressurecds.http;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;

/** An RFC 9457 problem detail; errors is the extension member that lists each bad field. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String INVALID_REQUEST = "https://acupressure-cds.org/problems/invalid-request";

    public static Response invalidRequest(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
        return response(new Problem(INVALID_REQUEST, "Invalid request", 400, detail, errors));
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
