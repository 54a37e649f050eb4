package org.acupressurecds.assessment;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.acupressurecds.decision.Channel;
import org.acupressurecds.decision.DecisionPipeline;
import org.acupressurecds.decision.RequestDigest;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.fhir.ActionableResources;
import org.acupressurecds.fhir.ApplyParameters;
import org.acupressurecds.fhir.AppliedPlan;
import org.acupressurecds.fhir.FhirPatientReader;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.InvalidRequestException;
import org.acupressurecds.http.JsonBody;
import org.acupressurecds.http.Requester;
import org.acupressurecds.ruleset.PublishedKnowledge;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The knowledge, published: the serving rule set as a FHIR PlanDefinition, for clinicians and rule authors; and its
 * $apply, for clinicians, which decides for a patient's FHIR record through the one pipeline and record of every
 * channel. Its errors are OperationOutcomes, as a FHIR client expects.
 */
@Path("/fhir/PlanDefinition/" + PublishedKnowledge.ID)
@Tag(name = "FHIR", description = "The service's knowledge as FHIR R4")
public class PlanDefinitionResource {

    /** The README's call: a patient with piriformis syndrome and a pain score of 4, and no procedure on record. */
    static final String APPLY_EXAMPLE = """
            {"resourceType":"Parameters","parameter":[{"name":"subject","valueString":"Patient/pat-42"},\
            {"name":"data","resource":{"resourceType":"Bundle","type":"collection","entry":[\
            {"resource":{"resourceType":"Patient","id":"pat-42","birthDate":"1971-03-02"}},\
            {"resource":{"resourceType":"Condition","id":"sciatica-1","clinicalStatus":{"coding":[{"system":\
            "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":\
            "http://hl7.org/fhir/sid/icd-10-cm","code":"G57.02"}]},"subject":{"reference":"Patient/pat-42"}}},\
            {"resource":{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",\
            "code":"72514-3"}]},"subject":{"reference":"Patient/pat-42"},"effectiveDateTime":"2026-11-23",\
            "valueInteger":4}}]}}]}""";

    private final RuleService rules;
    private final FhirContext fhir;
    private final JsonBody json;
    private final DecisionPipeline pipeline;
    private final SecurityIdentity identity;
    private final Clock clock;

    PlanDefinitionResource(RuleService rules, FhirContext fhir, JsonBody json, DecisionPipeline pipeline,
            SecurityIdentity identity, Clock clock) {
        this.rules = rules;
        this.fhir = fhir;
        this.json = json;
        this.pipeline = pipeline;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Produces(AssessmentResource.FHIR_JSON)
    @Operation(summary = "The serving rule set as a PlanDefinition: its version, the guide and local policies behind "
            + "it, and one action per rule with the guide's words it cites")
    public String planDefinition() {
        return fhir.newJsonParser().encodeResourceToString(PublishedKnowledge.of(rules.current()));
    }

    /**
     * Read by the same reader as a CDS Hooks call's prefetch, decided by the same pipeline: the answer leaves only once
     * its decision record is kept, or, where it cannot be, only if it is urgent.
     */
    @POST
    @Path("/$apply")
    @Consumes({AssessmentResource.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Produces(AssessmentResource.FHIR_JSON)
    @Operation(summary = "$apply: the decision for a patient's FHIR record, as a CarePlan (a home programme) or a "
            + "RequestGroup (a referral, a request for clearance, or nothing after an emergency)", description = "Takes "
            + "Parameters with subject (Patient/<id>) and data, a Bundle of the patient's Patient, Conditions, "
            + "Observations and Procedures. A type absent from data is none on record, and the answer says what is not "
            + "known. The decision is contained, as a GuidanceResponse with its reasons and rule-set version.")
    @RequestBody(required = true, content = @Content(mediaType = AssessmentResource.FHIR_JSON,
            examples = @ExampleObject(name = "piriformis", summary = "Piriformis syndrome, pain 4", value = APPLY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A bad call: an OperationOutcome, one issue per bad parameter, "
            + "its expression naming it", content = @Content(mediaType = AssessmentResource.FHIR_JSON))
    public String apply(@Context RoutingContext http) throws IOException {
        JsonNode body = json.read(http);
        ApplyParameters call = ApplyParameters.read(body, fhir);
        RuleSet snapshot = rules.current(); // codes and rules of one version, whatever reloads meanwhile
        LocalDate today = LocalDate.now(clock);
        FhirReading reading;
        try {
            reading = new FhirPatientReader(snapshot.codes(), clock.getZone()).read(call.data(), call.patientId(), today,
                    call.kindsNotRead());
        } catch (CodeTable.UnknownFindingCode e) {
            throw new InvalidRequestException(List.of(new FieldError("parameter.data", "holds an unknown code: "
                    + e.getMessage())));
        }
        Reference patient = ActionableResources.patient(call.patientId()).orElseThrow();
        if (!reading.hasSciatica()) {
            return encode(AppliedPlan.noDecision(patient, reading, call.notUsed()));
        }
        return pipeline.decide(new DecisionPipeline.Question(Channel.FHIR_APPLY, Requester.of(identity), snapshot,
                reading.candidates(), RequestDigest.of(body)), decided -> new DecisionPipeline.Shown<>(encode(
                        AppliedPlan.of(decided.answer(), decided.facts(), patient, decided.decisionId(), reading,
                                call.notUsed())), null));
    }

    private String encode(org.hl7.fhir.r4.model.Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    /** A bad call of $apply: an OperationOutcome with an issue per bad parameter, where it is and what is allowed. */
    @ServerExceptionMapper
    public Response invalidCall(InvalidRequestException e) {
        OperationOutcome outcome = new OperationOutcome();
        for (FieldError error : e.errors()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.INVALID)
                    .setDiagnostics((error.field().isEmpty() ? "The body " : error.field() + " ") + error.message()
                            + (error.allowedValues() == null ? "" : "; allowed: "
                            + String.join(", ", error.allowedValues())))
                    .addExpression(error.field().isEmpty() ? "Parameters" : error.field());
        }
        return Response.status(400).type(AssessmentResource.FHIR_JSON).entity(encode(outcome)).build();
    }

    /** A body that is not JSON: where it broke, never what it held. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return invalidCall(new InvalidRequestException(List.of(new FieldError("", "is not JSON" + where))));
    }
}
