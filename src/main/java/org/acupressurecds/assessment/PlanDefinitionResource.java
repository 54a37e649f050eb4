package org.acupressurecds.assessment;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.ruleset.PublishedKnowledge;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The knowledge, published: the serving rule set as a FHIR PlanDefinition, for clinicians and rule authors. */
@Path("/fhir/PlanDefinition/" + PublishedKnowledge.ID)
@Tag(name = "FHIR", description = "The service's knowledge as FHIR R4")
public class PlanDefinitionResource {

    private final RuleService rules;
    private final FhirContext fhir;

    PlanDefinitionResource(RuleService rules, FhirContext fhir) {
        this.rules = rules;
        this.fhir = fhir;
    }

    @GET
    @Produces(AssessmentResource.FHIR_JSON)
    @Operation(summary = "The serving rule set as a PlanDefinition: its version, the guide and local policies behind "
            + "it, and one action per rule with the guide's words it cites")
    public String planDefinition() {
        return fhir.newJsonParser().encodeResourceToString(PublishedKnowledge.of(rules.current()));
    }
}
