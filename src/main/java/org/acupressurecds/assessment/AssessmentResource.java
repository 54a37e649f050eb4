package org.acupressurecds.assessment;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Context;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.fhir.AnswerBundle;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.decision.Channel;
import org.acupressurecds.decision.DecisionPipeline;
import org.acupressurecds.request.AssessmentRequest;
import org.acupressurecds.decision.RequestDigest;
import org.acupressurecds.http.Requester;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** May this patient use an acupressure mat, and how? On a worker thread: rule evaluation is CPU work. */
@Path("/api/v1/assessments")
@Tag(name = "Assessments", description = "For clinicians and the physiotherapist's page")
public class AssessmentResource {

    /** The README's request: a piriformis patient, screened for red flags, pain 5. */
    static final String EXAMPLE = """
            {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT",\
            "assessmentDate":"2026-11-24"}""";

    static final String FHIR_JSON = "application/fhir+json";

    private final FhirContext fhir;
    private final RuleService rules;
    private final AssessmentReader reader;
    private final DecisionPipeline pipeline;
    private final SecurityIdentity identity;

    static final String CLIENT_HEADER = "X-CDS-Client";

    AssessmentResource(RuleService rules, AssessmentReader reader, DecisionPipeline pipeline,
            SecurityIdentity identity, FhirContext fhir) {
        this.fhir = fhir;
        this.rules = rules;
        this.reader = reader;
        this.pipeline = pipeline;
        this.identity = identity;
    }

    /**
     * Decided by the one pipeline of every channel ({@link DecisionPipeline}): the answer leaves only once its
     * decision record is kept, or, where it cannot be, only if it is urgent. client: page, for the physiotherapist's
     * page.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "May this patient use an acupressure mat, and if so how?", description = "Unknown fields "
            + "and values are refused with a 400 naming each; what is not given is listed in missingData. The answer "
            + "leaves only once its decision is recorded; an emergency or urgent referral goes out even when the record "
            + "cannot be kept.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AssessmentRequest.class),
            examples = @ExampleObject(name = "piriformis", summary = "Piriformis syndrome, screened, pain 5",
                    value = EXAMPLE)))
    @Blocking
    public CompletionStage<Assessment> assess(@Context RoutingContext http, @HeaderParam(CLIENT_HEADER) String client)
            throws IOException {
        return decide(http, client, decided -> decided.answer());
    }

    /** The same decision as FHIR, for Accept: application/fhir+json (the JSON answer stays the default). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(FHIR_JSON)
    @Operation(summary = "The same decision as a FHIR R4 Bundle: a GuidanceResponse (verdict, reasons with their guide "
            + "sections, data requirements for what is missing) and the CarePlan or ServiceRequest it proposes")
    @Blocking
    public CompletionStage<String> assessAsFhir(@Context RoutingContext http, @HeaderParam(CLIENT_HEADER) String client)
            throws IOException {
        return decide(http, client, decided -> fhir.newJsonParser().encodeResourceToString(
                AnswerBundle.of(decided.answer(), decided.facts(), decided.decisionId())));
    }

    /** The request thread is freed while the record is committed; the answer leaves on a worker once it is kept. */
    private <T> CompletionStage<T> decide(RoutingContext http, String client,
            java.util.function.Function<DecisionPipeline.Decided, T> show) throws IOException {
        AssessmentReader.Read request = reader.read(http);
        return pipeline.decideLater(new DecisionPipeline.Question("page".equals(client) ? Channel.PAGE : Channel.API,
                Requester.of(identity), rules.current(), List.of(request.facts()), RequestDigest.of(request.tree())),
                decided -> new DecisionPipeline.Shown<>(show.apply(decided), null));
    }
}
