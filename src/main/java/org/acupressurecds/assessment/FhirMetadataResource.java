package org.acupressurecds.assessment;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.net.URI;
import java.util.Date;
import java.util.Optional;
import org.acupressurecds.config.CdsConfig;
import org.acupressurecds.ruleset.PublishedKnowledge;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * What the service's FHIR endpoint does, as a FHIR client asks before its first call (HAPI FHIR's client does, by
 * default): the PlanDefinition read and its $apply, JSON only, behind OpenID Connect.
 */
@Path("/fhir/metadata")
@Tag(name = "FHIR", description = "The service's knowledge as FHIR R4")
public class FhirMetadataResource {

    private final FhirContext fhir;
    private final String version;
    private final Optional<URI> publicUrl;

    FhirMetadataResource(FhirContext fhir, @ConfigProperty(name = "quarkus.application.version") String version,
            CdsConfig config) {
        this.fhir = fhir;
        this.version = version;
        this.publicUrl = config.publicUrl();
    }

    @GET
    @Produces(AssessmentResource.FHIR_JSON)
    @Operation(summary = "The FHIR endpoint's CapabilityStatement: PlanDefinition read and $apply, JSON only")
    public String capabilities() {
        CapabilityStatement statement = new CapabilityStatement()
                .setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setDate(new Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1)
                .setDescription("Acupressure mat for sciatica: the published knowledge and its $apply");
        statement.getSoftware().setName("acupressure-cds").setVersion(version);
        // The address is the configured one, never the request's Host header.
        statement.getImplementation().setDescription("Acupressure-mat CDS for sciatica")
                .setUrl(publicUrl.map(base -> base.toString().replaceAll("/+$", "") + "/fhir").orElse(null));
        statement.addFormat(AssessmentResource.FHIR_JSON);
        CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("OpenID Connect bearer tokens: reads for clinicians and rule authors, $apply "
                + "for clinicians");
        CapabilityStatement.CapabilityStatementRestResourceComponent plans = rest.addResource().setType("PlanDefinition");
        plans.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
        plans.addOperation().setName("apply")
                .setDefinition("http://hl7.org/fhir/OperationDefinition/PlanDefinition-apply")
                .setDocumentation("On " + PublishedKnowledge.ID + " only: subject (Patient/<id>) and data (a Bundle of "
                        + "the patient's record); answers a CarePlan or a RequestGroup with the decision contained");
        return fhir.newJsonParser().encodeResourceToString(statement);
    }
}
