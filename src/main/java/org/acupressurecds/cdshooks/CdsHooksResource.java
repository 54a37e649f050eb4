package org.acupressurecds.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import org.acupressurecds.decision.RequestDigest;
import org.acupressurecds.http.Requester;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.acupressurecds.fhir.Prefetched;
import org.acupressurecds.fhir.PrefetchKey;
import org.acupressurecds.cdshooks.CdsJson.Cards;
import org.acupressurecds.cdshooks.CdsJson.Discovery;
import org.acupressurecds.cdshooks.CdsJson.FeedbackRequest;
import org.acupressurecds.cdshooks.CdsJson.HookRequest;
import org.acupressurecds.cdshooks.CdsJson.ServiceDescription;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.security.CdsHooksAuth;
import org.acupressurecds.security.CdsHooksConfig;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The CDS Hooks 2.0 service: discovery, the patient-view hook, and feedback on the cards it returned. */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "CDS Hooks", description = "For EHRs: HL7 CDS Hooks 2.0 with FHIR R4, each call signed by its EHR's JWT")
public class CdsHooksResource {

    /** A patient-view call with everything prefetched: an active lumbar disc disorder with radiculopathy. */
    static final String EXAMPLE = """
            {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",\
            "context":{"userId":"Practitioner/example","patientId":"pat-42"},\
            "prefetch":{"patient":{"resourceType":"Patient","id":"pat-42"},\
            "conditions":{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Condition",\
            "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical",\
            "code":"active"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M51.16"}]},\
            "subject":{"reference":"Patient/pat-42"}}}]},\
            "painScores":{"resourceType":"Bundle","type":"searchset"},\
            "procedures":{"resourceType":"Bundle","type":"searchset"}}}""";
    /** Feedback on a card this service returned: overridden, with a reason the card offered. */
    static final String FEEDBACK_EXAMPLE = """
            {"feedback":[{"card":"8c8a2a3c-0000-4000-8000-000000000000","outcome":"overridden",\
            "outcomeTimestamp":"2026-11-24T10:15:00Z","overrideReason":{"reason":{\
            "system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason","code":"already-managed"}}}]}""";

    public static final String SERVICE_ID = "acupressure-mat-sciatica";

    static final ServiceDescription SERVICE = new ServiceDescription(HookRequest.HOOK,
            "Acupressure mat for sciatica",
            "May this patient with sciatica use an acupressure mat, and if so how? Checks red flags, recent spinal "
                    + "surgery and acute flares, then gives positions and a 6-week protocol.",
            SERVICE_ID,
            PrefetchKey.templates(),
            "Reads the patient's active Conditions (ICD-10-CM, ICD-10, SNOMED CT or the " + CodeTable.FINDING_SYSTEM
                    + " CodeSystem), the newest pain score (LOINC 72514-3) and completed Procedures, prefetched or "
                    + "from the FHIR server with the access token given.");

    private final PrefetchResolver prefetch;
    private final PatientView patientView;
    private final CardFeedback feedback;
    private final StrictBinder binder;
    private final FhirContext fhir;
    private final CdsHooksConfig hooks;
    private final ManagedExecutor worker;
    private final JsonBody json;
    private final HookReader reader;

    CdsHooksResource(PrefetchResolver prefetch, PatientView patientView, CardFeedback feedback, StrictBinder binder,
            FhirContext fhir, CdsHooksConfig hooks, ManagedExecutor worker, JsonBody json, HookReader reader) {
        this.prefetch = prefetch;
        this.patientView = patientView;
        this.feedback = feedback;
        this.binder = binder;
        this.fhir = fhir;
        this.hooks = hooks;
        this.worker = worker;
        this.json = json;
        this.reader = reader;
    }

    @GET
    @Operation(summary = "Discovery: the service, its hook and its prefetch templates")
    public Discovery discovery() {
        return new Discovery(List.of(SERVICE));
    }

    /**
     * Binding and the rules run on a worker thread; waiting for the EHR's FHIR server, or for the record's commit,
     * holds none, so slow servers cannot starve the other endpoints of threads.
     */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "The patient-view hook: cards saying whether and how this patient may use a mat",
            description = "Prefetch keys not given are read from fhirServer with fhirAuthorization; extensions and "
                    + "unknown context are ignored, as the specification says.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HookRequest.class),
            examples = @ExampleObject(name = "disc herniation", summary = "Everything prefetched", value = EXAMPLE)))
    public CompletionStage<Cards> call(@PathParam("id") String id, @Context RoutingContext http) throws IOException {
        HookReader.Call call = reader.read(id, http);
        Requester requester = CdsHooksAuth.requester(http);
        // The FHIR access token is a secret, kept nowhere, not even hashed.
        String digest = RequestDigest.of(call.tree(), "fhirAuthorization");
        CompletableFuture<Map<String, Prefetched>> data = prefetch.resolve(call.request(),
                CdsHooksAuth.fhirServers(http, hooks));
        Function<Map<String, Prefetched>, CompletableFuture<Cards>> decide = d -> patientView.decide(d,
                call.request().context().patientId(), requester, digest);
        // All prefetched: decided on this worker; else on a worker once the FHIR server has answered.
        return data.isDone() ? data.thenCompose(decide) : data.thenComposeAsync(decide, worker);
    }

    @POST
    @Path("/{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Feedback on a card: accepted, or overridden with one of the reasons the card offered")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CdsJson.FeedbackRequest.class),
            examples = @ExampleObject(name = "overridden", value = FEEDBACK_EXAMPLE)))
    public Response feedback(@PathParam("id") String id, @Context RoutingContext http) throws IOException {
        HookReader.requireService(id);
        Requester sender = CdsHooksAuth.requester(http);
        feedback.record(binder.bind(json.read(http), FeedbackRequest.class, r -> feedback.problems(r, sender)),
                sender);
        return Response.ok().build();
    }

    @ServerExceptionMapper
    public Response prefetchUnavailable(PrefetchResolver.Unavailable e) {
        return Response.status(412).type("application/fhir+json")
                .entity(fhir.newJsonParser().encodeResourceToString(e.outcome())).build();
    }
}
