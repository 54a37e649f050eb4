package org.acupressurecds.fhir;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.acupressurecds.engine.CodeTable;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.ProtocolWeek;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.WarningSign;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * What an answer proposes the EHR create, as FHIR R4 resources a clinician can accept in one click: the home programme
 * as a CarePlan (suitable, caution), a referral for medical evaluation (urgent referral) or a request for medical
 * clearance (clearance required) as a ServiceRequest; nothing after an emergency, which must not be mistaken for
 * treatment. Every resource is a draft proposal for the context patient, carries the decision and the rule set that
 * proposed it as identifiers, and says only the rules' words and our own codes, never text from the record.
 */
public final class ActionableResources {

    /** The identifier systems that trace a proposed resource back to its decision and rule set. */
    public static final String DECISION_SYSTEM = "https://acupressure-cds.org/fhir/NamingSystem/decision";
    public static final String RULESET_SYSTEM = "https://acupressure-cds.org/fhir/NamingSystem/ruleset-version";
    /** A FHIR id: what a reference to the patient may hold (anything else is not put in a resource). */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** What is proposed, and in which words a card labels it. */
    public record Proposal(String kind, String label, String description, Resource resource) {
    }

    private ActionableResources() {
    }

    /** A reference to the EHR's patient, where its id is a FHIR id (anything else is not put in a resource). */
    public static Optional<Reference> patient(String patientId) {
        return isFhirId(patientId) ? Optional.of(new Reference("Patient/" + patientId)) : Optional.empty();
    }

    static boolean isFhirId(String id) {
        return id != null && FHIR_ID.matcher(id).matches();
    }

    /** The proposal for the answer, if its verdict has one, for the patient (a reference, or a display only). */
    public static Optional<Proposal> of(Assessment answer, PatientFacts facts, Reference patient, String decisionId) {
        return of(answer, facts, patient, decisionId, List.of());
    }

    /** addresses: the ids of the patient's sciatica conditions (FHIR ids), which a care plan addresses. */
    public static Optional<Proposal> of(Assessment answer, PatientFacts facts, Reference patient, String decisionId,
            List<String> addresses) {
        return switch (answer.verdict()) {
            case SUITABLE, CAUTION -> Optional.of(new Proposal("care-plan",
                    "Add the acupressure-mat home programme to the care plan",
                    "Create a draft care plan: the 6-week acupressure-mat programme, week by week", carePlan(answer,
                            patient, decisionId, addresses)));
            case URGENT_REFERRAL -> Optional.of(new Proposal("referral", "Refer for medical evaluation",
                    "Create a draft referral for an urgent medical evaluation", request(answer, facts, patient,
                            decisionId, "Urgent medical evaluation of sciatica with a red flag",
                            ServiceRequest.ServiceRequestPriority.URGENT)));
            case CLEARANCE_REQUIRED -> Optional.of(new Proposal("clearance", "Ask for medical clearance",
                    "Create a draft request to the surgeon or physician for medical clearance before any mat use",
                    request(answer, facts, patient, decisionId,
                            "Medical clearance before acupressure-mat therapy for sciatica",
                            ServiceRequest.ServiceRequestPriority.ROUTINE)));
            case EMERGENCY -> Optional.empty();
        };
    }

    private static CarePlan carePlan(Assessment answer, Reference patient, String decisionId, List<String> addresses) {
        CarePlan plan = new CarePlan().setStatus(CarePlan.CarePlanStatus.DRAFT)
                .setIntent(CarePlan.CarePlanIntent.PROPOSAL).setSubject(patient)
                .setTitle("Acupressure-mat home programme for sciatica")
                .setDescription(answer.action());
        addresses.stream().filter(ActionableResources::isFhirId)
                .forEach(id -> plan.addAddresses(new Reference("Condition/" + id)));
        identify(plan.addIdentifier(), plan.addIdentifier(), answer, decisionId);
        for (ProtocolWeek week : answer.protocol()) {
            plan.addActivity().getDetail().setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                    .setDescription(week.weeks() + ": sessions of " + week.sessionDuration() + ", " + week.frequency()
                            .toLowerCase(Locale.ROOT) + "; " + week.positions() + ". " + week.focus() + ".");
        }
        for (WarningSign sign : answer.warningSigns()) {
            plan.addNote(new Annotation().setText("Warning sign: " + sign.sign() + ": " + sign.action()));
        }
        return plan;
    }

    private static ServiceRequest request(Assessment answer, PatientFacts facts, Reference patient, String decisionId,
            String what, ServiceRequest.ServiceRequestPriority priority) {
        ServiceRequest request = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL).setPriority(priority).setSubject(patient)
                .setCode(new CodeableConcept().setText(what));
        identify(request.addIdentifier(), request.addIdentifier(), answer, decisionId);
        // The reason is the red flag as our own code names it, never the record's words.
        for (RedFlag flag : facts.redFlags()) {
            request.addReasonCode(new CodeableConcept().addCoding(new Coding(CodeTable.FINDING_SYSTEM, flag.name(),
                    flag.name().toLowerCase(Locale.ROOT).replace('_', ' '))));
        }
        request.addNote(new Annotation().setText(answer.action()));
        return request;
    }

    static void identify(Identifier decision, Identifier ruleset, Assessment answer, String decisionId) {
        decision.setSystem(DECISION_SYSTEM).setValue(decisionId);
        ruleset.setSystem(RULESET_SYSTEM).setValue(answer.rulesetVersion());
    }
}
