package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.acupressurecds.cdshooks.CdsJson.HookRequest;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirServerClient;
import org.acupressurecds.fhir.Prefetched;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.security.FhirServerAllowlist;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/**
 * Gets the data of each prefetch template as CDS Hooks prescribes: a key the EHR sent is used as sent (null means
 * it has no such data); a key it did not send is fetched from its FHIR server; what can be had neither way makes
 * the call fail with 412.
 */
@ApplicationScoped
public class PrefetchResolver {

    public static final String PATIENT = "patient";
    static final Map<String, String> TEMPLATES = templates();

    private final FhirContext fhir;
    private final FhirServerClient client;
    private final Duration deadline;

    PrefetchResolver(FhirContext fhir, FhirServerClient client,
            @ConfigProperty(name = "cds.fhir.timeout", defaultValue = "10s") Duration deadline) {
        this.fhir = fhir;
        this.client = client;
        this.deadline = deadline;
    }

    /** Thrown when some keys can be had neither from prefetch nor from the FHIR server. */
    public static class Unavailable extends RuntimeException {
        private final OperationOutcome outcome;

        Unavailable(OperationOutcome outcome) {
            super(outcome.getIssue().size() + " prefetch key(s) unavailable");
            this.outcome = outcome;
        }

        public OperationOutcome outcome() {
            return outcome;
        }
    }

    /**
     * The data of every template, or an {@link Unavailable} failure naming the keys that could not be had. Keys not
     * sent are fetched at once, in parallel, and only from a fhirServer on the allowed list; all within one deadline,
     * connect to last byte. Nothing waits on a thread meanwhile.
     */
    public CompletableFuture<Map<String, Prefetched>> resolve(HookRequest request, List<String> allowedServers) {
        Map<String, JsonNode> sent = request.prefetch() == null ? Map.of() : request.prefetch();
        boolean mayFetch = request.fhirServer() != null && FhirServerAllowlist.allows(allowedServers, request.fhirServer());
        String token = request.fhirAuthorization() == null ? null : request.fhirAuthorization().accessToken();
        Map<String, CompletableFuture<Object>> results = new LinkedHashMap<>();
        TEMPLATES.forEach((key, template) -> {
            String query = template.replace("{{context.patientId}}", request.context().patientId());
            if (sent.containsKey(key)) {
                results.put(key, CompletableFuture.completedFuture(Prefetched.of(parse(key, sent.get(key)))));
            } else if (request.fhirServer() == null) {
                results.put(key, missing(key, query, "it was not prefetched and no fhirServer was given"));
            } else if (!mayFetch) {
                // Never contacted, and nothing said about it: the answer must not probe the network for a caller.
                results.put(key, missing(key, query, "it was not prefetched, and the fhirServer given is not one this "
                        + "service may fetch from"));
            } else {
                // The newest pain score is the first of its sorted search: no need to page through the rest.
                results.put(key, client.get(request.fhirServer(), encodeQuery(query), token,
                                !FhirPatientReader.PAIN_SCORES.equals(key))
                        .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((resource, failure) -> failure == null ? Prefetched.of(resource)
                                : issue(key, query, "it was not prefetched and " + why(failure))));
            }
        });
        return CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
            Map<String, Prefetched> data = new LinkedHashMap<>();
            OperationOutcome missing = new OperationOutcome();
            results.forEach((key, result) -> {
                Object value = result.join();
                if (value instanceof OperationOutcome.OperationOutcomeIssueComponent issue) {
                    missing.addIssue(issue);
                } else {
                    data.put(key, (Prefetched) value);
                }
            });
            if (missing.hasIssue()) {
                throw new Unavailable(missing);
            }
            return data;
        });
    }

    private String why(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return "fetching it took longer than " + deadline.toSeconds() + " s";
        }
        return "fetching it failed: " + (cause instanceof FhirServerClient.FetchFailed failed ? failed.getMessage()
                : "the FHIR server could not be read");
    }

    private static CompletableFuture<Object> missing(String key, String query, String why) {
        return CompletableFuture.completedFuture(issue(key, query, why));
    }

    private IBaseResource parse(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!(value instanceof ObjectNode object)) {
            throw invalid(key, "is not a FHIR R4 resource");
        }
        IBaseResource resource;
        try {
            JacksonStructure json = new JacksonStructure();
            json.setNativeObject(FhirPatientReader.onlyWhatIsRead(object)); // HAPI's parsing is costly
            resource = ((JsonParser) fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false)))
                    .parseResource(json);
        } catch (RuntimeException e) { // HAPI throws more than DataFormatException on odd JSON
            throw invalid(key, "is not a FHIR R4 resource");
        }
        Class<?> expected = PATIENT.equals(key) ? Patient.class : Bundle.class;
        if (!expected.isInstance(resource) && !(resource instanceof OperationOutcome)) {
            throw invalid(key, "must be a " + expected.getSimpleName() + " or an OperationOutcome, not a "
                    + resource.fhirType());
        }
        return resource;
    }

    private static InvalidRequestException invalid(String key, String message) {
        return new InvalidRequestException(List.of(new FieldError("prefetch." + key, message)));
    }

    private static OperationOutcome.OperationOutcomeIssueComponent issue(String key, String query, String why) {
        return new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INCOMPLETE)
                .setDiagnostics("prefetch '" + key + "' (" + query + ") is unavailable: " + why)
                .addExpression("prefetch." + key);
    }

    /** Templates are written readably (code=http://loinc.org|72514-3); on the wire each value is URL-encoded. */
    static String encodeQuery(String query) {
        int question = query.indexOf('?');
        if (question < 0) {
            return query;
        }
        return query.substring(0, question + 1) + Arrays.stream(query.substring(question + 1).split("&"))
                .map(param -> {
                    int equals = param.indexOf('=');
                    return param.substring(0, equals + 1)
                            + URLEncoder.encode(param.substring(equals + 1), StandardCharsets.UTF_8);
                })
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> templates() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put(PATIENT, "Patient/{{context.patientId}}");
        templates.put(FhirPatientReader.CONDITIONS, "Condition?patient={{context.patientId}}&clinical-status=active");
        templates.put(FhirPatientReader.PAIN_SCORES, "Observation?patient={{context.patientId}}&code=http://loinc.org|72514-3"
                + "&_sort=-date&_count=1");
        templates.put(FhirPatientReader.PROCEDURES, "Procedure?patient={{context.patientId}}&status=completed");
        return Collections.unmodifiableMap(templates);
    }
}
