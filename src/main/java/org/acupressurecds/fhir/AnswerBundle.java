package org.acupressurecds.fhir;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Reason;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DataRequirement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.Resource;

/**
 * An answer as FHIR: a Bundle with a GuidanceResponse (the verdict, the action, every reason with its guide section,
 * and a data requirement for each fact not given) and what the answer proposes (a CarePlan or a ServiceRequest), the
 * same decision as the JSON answer. The API has no patient, so the subject is a display only.
 */
public final class AnswerBundle {

    /** The knowledge module the answer comes from, as CPG-on-FHIR names it. */
    public static final String MODULE = "https://acupressure-cds.org/fhir/PlanDefinition/acupressure-mat-sciatica";
    public static final String VERDICT_SYSTEM = "https://acupressure-cds.org/fhir/CodeSystem/verdict";
    /** Which FHIR resource would carry each fact a request can leave out; a fact not listed is a Condition's. */
    private static final Map<String, String> CARRIED_BY = Map.of("painScore", "Observation", "painScoreDate",
            "Observation", "spinalSurgery", "Procedure", "spinalSurgeryDate", "Procedure", "age", "Patient");

    private AnswerBundle() {
    }

    public static Bundle of(Assessment answer, PatientFacts facts, String decisionId) {
        Reference patient = new Reference().setDisplay("The patient assessed");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        GuidanceResponse guidance = guidance(answer, patient, decisionId);
        ActionableResources.of(answer, facts, patient, decisionId).ifPresent(proposal -> {
            String url = add(bundle, proposal.resource());
            if (!(proposal.resource() instanceof org.hl7.fhir.r4.model.CarePlan)) {
                // A guidance response's result is a care plan or a request group: a request goes in a group.
                RequestGroup group = requestGroup(patient);
                group.addAction().setTitle(proposal.label()).setDescription(proposal.description())
                        .setResource(new Reference(url));
                url = add(bundle, group);
            }
            guidance.setResult(new Reference(url).setDisplay(proposal.label()));
        });
        bundle.getEntry().add(0, new Bundle.BundleEntryComponent().setFullUrl(urn()).setResource(guidance));
        return bundle;
    }

    /**
     * The decision as a GuidanceResponse: the verdict, the action, every reason with its guide section, and a data
     * requirement with a note for each fact not known; traced to its decision and rule set by identifiers.
     */
    static GuidanceResponse guidance(Assessment answer, Reference patient, String decisionId) {
        GuidanceResponse guidance = new GuidanceResponse().setModule(new org.hl7.fhir.r4.model.UriType(MODULE))
                .setStatus(answer.missingData().isEmpty() ? GuidanceResponse.GuidanceResponseStatus.SUCCESS
                        : GuidanceResponse.GuidanceResponseStatus.DATAREQUESTED)
                .setSubject(patient)
                .setOccurrenceDateTimeElement(new DateTimeType(answer.assessmentDate().toString()))
                .setRequestIdentifier(new Identifier().setSystem(ActionableResources.DECISION_SYSTEM).setValue(decisionId))
                .addIdentifier(new Identifier().setSystem(ActionableResources.RULESET_SYSTEM)
                        .setValue(answer.rulesetVersion()));
        guidance.addReasonCode(new CodeableConcept().addCoding(new Coding(VERDICT_SYSTEM, answer.verdict().name(),
                answer.verdict().label())).setText(answer.verdict().label()));
        guidance.addNote(new Annotation().setText(answer.action()));
        for (Reason reason : answer.reasons()) {
            guidance.addNote(new Annotation().setText(reason.text() + (reason.source() == null ? ""
                    : " (" + reason.source() + ")")));
        }
        for (MissingData missing : answer.missingData()) {
            DataRequirement requirement = guidance.addDataRequirement()
                    .setType(CARRIED_BY.getOrDefault(missing.field(), "Condition"));
            requirement.addMustSupport(missing.field());
            guidance.addNote(new Annotation().setText("Not known: " + missing.field() + ". " + missing.reason()));
        }
        return guidance;
    }

    /** A draft proposal of requests for the patient, as a guidance response's result holds them. */
    static RequestGroup requestGroup(Reference patient) {
        return new RequestGroup().setStatus(RequestGroup.RequestStatus.DRAFT)
                .setIntent(RequestGroup.RequestIntent.PROPOSAL).setSubject(patient);
    }

    private static String add(Bundle bundle, Resource resource) {
        String url = urn();
        bundle.addEntry().setFullUrl(url).setResource(resource);
        return url;
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
    }
}
