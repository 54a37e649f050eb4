package org.acupressurecds.fhir;

import java.util.List;
import java.util.Optional;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PatientFacts;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.GuidanceResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the published PlanDefinition's $apply answers, as CPG-on-FHIR's $apply returns it in R4: a CarePlan where the
 * answer is a home programme (suitable, caution), else a RequestGroup holding the referral or the request for
 * clearance as its one action, and no action after an emergency. Either holds the decision itself as a contained
 * GuidanceResponse whose result is the resource that holds it: the verdict, every reason with its guide section, what
 * is not known, how the record was read and what of it was not.
 */
public final class AppliedPlan {

    private AppliedPlan() {
    }

    /** notUsed: the parameters of the call that this service does not read, for the answer to say so. */
    public static Resource of(Assessment answer, PatientFacts facts, Reference patient, String decisionId,
            FhirReading reading, List<String> notUsed) {
        GuidanceResponse guidance = AnswerBundle.guidance(answer, patient, decisionId);
        said(guidance::addNote, reading, notUsed);
        guidance.setId("decision");
        guidance.setResult(new Reference("#").setDisplay("The resource that holds this decision"));
        Optional<ActionableResources.Proposal> proposal = ActionableResources.of(answer, facts, patient, decisionId,
                reading.sciaticaConditionIds());
        if (proposal.isPresent() && proposal.get().resource() instanceof CarePlan plan) {
            plan.addContained(guidance);
            return plan;
        }
        RequestGroup group = AnswerBundle.requestGroup(patient).setPriority(switch (answer.verdict()) {
            case EMERGENCY -> RequestGroup.RequestPriority.STAT;
            case URGENT_REFERRAL -> RequestGroup.RequestPriority.URGENT;
            default -> RequestGroup.RequestPriority.ROUTINE;
        });
        ActionableResources.identify(group.addIdentifier(), group.addIdentifier(), answer, decisionId);
        group.addNote(new Annotation().setText(answer.action()));
        proposal.ifPresent(p -> {
            p.resource().setId("proposal");
            group.addContained(p.resource());
            group.addAction().setTitle(p.label()).setDescription(p.description())
                    .setResource(new Reference("#proposal"));
        });
        group.addContained(guidance);
        return group;
    }

    /**
     * No decision: the record codes no sciatica (the plan definition does not apply), or its conditions could not be
     * read. A RequestGroup with no action, saying why.
     */
    public static RequestGroup noDecision(Reference patient, FhirReading reading, List<String> notUsed) {
        RequestGroup group = AnswerBundle.requestGroup(patient);
        group.addNote(new Annotation().setText(reading.conditionsUnavailable()
                ? "No decision: the patient's conditions could not be read, so sciatica and its red flags could not be "
                        + "checked."
                : "No decision: the data holds no current sciatica coded in a way this service reads, so this plan "
                        + "definition does not apply. A condition named only in words is not read."));
        said(group::addNote, reading, notUsed);
        return group;
    }

    /** How the record was read, what of it was not, and the parameters not used, each a note. */
    private static void said(java.util.function.Consumer<Annotation> note, FhirReading reading, List<String> notUsed) {
        reading.notes().forEach(text -> note.accept(new Annotation().setText(text)));
        reading.notRead().lines().forEach(line -> note.accept(new Annotation().setText("Not read: " + line)));
        if (!notUsed.isEmpty()) {
            note.accept(new Annotation().setText("Parameters this service does not use, and did not: "
                    + String.join(", ", notUsed) + "."));
        }
    }
}
