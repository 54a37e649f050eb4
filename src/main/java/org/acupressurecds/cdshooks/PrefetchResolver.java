package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.acupressurecds.cdshooks.CdsJson.HookRequest;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.PrefetchKey;
import org.acupressurecds.fhir.FhirServerClient;
import org.acupressurecds.fhir.Prefetched;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.security.FhirServerAllowlist;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.jboss.logging.Logger;

/**
 * Gets the data of each prefetch template as CDS Hooks prescribes: a key the EHR sent is used as sent (null means
 * it has no such data); a key it did not send is fetched from its FHIR server; what can be had neither way makes
 * the call fail with 412.
 */
@ApplicationScoped
public class PrefetchResolver {

    private static final Logger LOG = Logger.getLogger(PrefetchResolver.class);

    private final FhirContext fhir;
    private final FhirServerClient client;
    private final Duration deadline;

    @Inject
    PrefetchResolver(FhirContext fhir, FhirServerClient client, CdsConfig config) {
        this(fhir, client, config.fhir().timeout());
    }

    /** deadline: how long the FHIR server may take for what the prefetch left out. */
    PrefetchResolver(FhirContext fhir, FhirServerClient client, Duration deadline) {
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
     * sent are fetched at once, in parallel, and only from a fhirServer on the allowed list; so are the further pages
     * of a list sent with a next link, where the whole list is needed. All within one deadline, connect to last byte;
     * nothing waits on a thread meanwhile. A Patient sent for another patient than the context's is refused.
     */
    public CompletableFuture<Map<String, Prefetched>> resolve(HookRequest request, List<String> allowedServers) {
        Map<String, JsonNode> sent = request.prefetch() == null ? Map.of() : request.prefetch();
        boolean mayFetch = request.fhirServer() != null && FhirServerAllowlist.allows(allowedServers, request.fhirServer());
        String token = request.fhirAuthorization() == null ? null : request.fhirAuthorization().accessToken();
        String patientId = request.context().patientId();
        Map<String, CompletableFuture<Resolved>> results = new LinkedHashMap<>();
        for (PrefetchKey key : PrefetchKey.values()) {
            String query = key.template().replace("{{context.patientId}}", patientId);
            if (sent.containsKey(key.key())) {
                IBaseResource resource = parse(key.key(), sent.get(key.key()));
                if (key == PrefetchKey.PATIENT && isAnotherPatient(resource, patientId)) {
                    results.put(key.key(), CompletableFuture.completedFuture(anotherPatient(key)));
                } else if (resource instanceof Bundle bundle && key.needsWholeList() && mayFetch
                        && bundle.getLink(Bundle.LINK_NEXT) != null) {
                    results.put(key.key(), rest(request.fhirServer(), bundle, token));
                } else {
                    results.put(key.key(), CompletableFuture.completedFuture(
                            new Resolved.Got(Prefetched.of(resource, key.needsWholeList()))));
                }
            } else if (request.fhirServer() == null) {
                results.put(key.key(), missing(key.key(), query, "it was not prefetched and no fhirServer was given"));
            } else if (!mayFetch) {
                // Never contacted, and nothing said about it: the answer must not probe the network for a caller.
                results.put(key.key(), missing(key.key(), query, "it was not prefetched, and the fhirServer given is "
                        + "not one this service may fetch from"));
            } else {
                // The newest pain score is the first of its sorted search: no need to page through the rest.
                results.put(key.key(), client.get(request.fhirServer(), encodeQuery(query), token, key.needsWholeList())
                        .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((resource, failure) -> failure != null
                                ? new Resolved.Refused(issue(key.key(), query, "it was not prefetched and " + why(failure)))
                                : key == PrefetchKey.PATIENT && isAnotherPatient(resource, patientId)
                                        ? anotherPatient(key)
                                        : new Resolved.Got(Prefetched.of(resource, key.needsWholeList()))));
            }
        }
        return CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new)).thenApply(all -> {
            Map<String, Prefetched> data = new LinkedHashMap<>();
            OperationOutcome missing = new OperationOutcome();
            results.forEach((key, result) -> {
                Resolved resolved = result.join();
                if (resolved instanceof Resolved.Refused refused) {
                    missing.addIssue(refused.issue());
                } else if (resolved instanceof Resolved.Got got) {
                    data.put(key, got.data());
                }
            });
            if (missing.hasIssue()) {
                throw new Unavailable(missing);
            }
            return data;
        });
    }

    /** What one prefetch key came to: its data, or why it cannot be had (an issue of the 412's OperationOutcome). */
    private sealed interface Resolved {
        record Got(Prefetched data) implements Resolved {
        }

        record Refused(OperationOutcome.OperationOutcomeIssueComponent issue) implements Resolved {
        }
    }

    /** The EHR must send the record of the patient in context: a card built from another's would be wrong. */
    private static Resolved anotherPatient(PrefetchKey key) {
        LOG.warn("A CDS Hooks call's Patient is another patient than its context: refused with 412.");
        return new Resolved.Refused(new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.CONFLICT)
                .setDiagnostics("prefetch '" + key.key() + "' is another patient than context.patientId: send the "
                        + "record of the patient in context") // no id: neither patient's is echoed
                .addExpression("prefetch." + key.key()));
    }

    /** A Patient whose id is given and is not the context's; one with no id cannot be told apart, and is read. */
    private static boolean isAnotherPatient(IBaseResource resource, String patientId) {
        return resource instanceof Patient patient && patient.getIdElement().hasIdPart()
                && !patient.getIdElement().getIdPart().equals(patientId);
    }

    /**
     * The prefetched first page with the rest of its pages from the same server; where they cannot be had, the first
     * page alone, which then says it is incomplete and why.
     */
    private CompletableFuture<Resolved> rest(String fhirServer, Bundle first, String token) {
        return client.remainingPages(fhirServer, first, token)
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handle((all, failure) -> {
                    if (failure == null) {
                        return new Resolved.Got(Prefetched.of(all));
                    }
                    // An empty first page is still an incomplete list, never "none".
                    List<org.hl7.fhir.r4.model.Resource> read = Prefetched.of(first) instanceof Prefetched.Found found
                            ? found.resources() : List.of();
                    return new Resolved.Got(new Prefetched.Found(read, List.of("its further pages could not be read: "
                            + why(failure).replaceFirst("^fetching it ", "fetching them "))));
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

    private static CompletableFuture<Resolved> missing(String key, String query, String why) {
        return CompletableFuture.completedFuture(new Resolved.Refused(issue(key, query, why)));
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
        Class<?> expected = PrefetchKey.PATIENT.key().equals(key) ? Patient.class : Bundle.class;
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
}
