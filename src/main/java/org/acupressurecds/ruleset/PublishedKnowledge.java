package org.acupressurecds.ruleset;

import java.util.Date;
import org.acupressurecds.engine.LocalPolicy;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.fhir.AnswerBundle;
import org.acupressurecds.knowledge.Guide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.RelatedArtifact;

/**
 * The serving rule set published as a CPG-on-FHIR style PlanDefinition: its version, the guide and the local
 * policies behind it, and one action per rule, its title and text equivalent the rule's clinical sentence (its
 * conditions and conclusion in words), its description the guide's words it cites, its documentation the citation.
 * Generated from the rules, so it changes when they do.
 */
public final class PublishedKnowledge {

    public static final String ID = "acupressure-mat-sciatica";

    private PublishedKnowledge() {
    }

    public static PlanDefinition of(RuleSet rules) {
        PlanDefinition plan = new PlanDefinition().setUrl(AnswerBundle.MODULE).setVersion(rules.version())
                .setName("AcupressureMatSciatica").setTitle("Acupressure-mat therapy in sciatica")
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(Date.from(rules.loadedAt()))
                .setPublisher("Acupressure-mat CDS for sciatica")
                .setDescription("May this patient with sciatica use an acupressure mat, and if so how? The rules "
                        + "(version " + rules.version() + ") decide from the sciatica type and the red flags, after "
                        + "the guide and the local policies below; the most severe finding decides.")
                .setType(new CodeableConcept().addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/plan-definition-type", "eca-rule", "ECA Rule")));
        plan.setId(ID);
        plan.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.DOCUMENTATION)
                .setDisplay(Guide.shipped().sections().get(0).heading()).setCitation(Guide.FILE);
        for (LocalPolicy policy : rules.policies()) {
            plan.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.JUSTIFICATION)
                    .setDisplay(LocalPolicy.SOURCE + policy.name())
                    .setCitation(policy.changes() + " Approved by " + policy.approvedBy() + " on "
                            + policy.approvedOn() + ".");
        }
        for (RuleSet.RuleInfo rule : rules.rules()) {
            PlanDefinition.PlanDefinitionActionComponent action = plan.addAction().setTitle(rule.name())
                    .setTextEquivalent(rule.name());
            String cites = GuideCitation.cites(rule.source(), rules.policies(), Guide.shipped());
            if (cites != null) {
                action.setDescription(cites);
            }
            if (rule.source() != null && !rule.source().isBlank()) {
                action.addDocumentation().setType(RelatedArtifact.RelatedArtifactType.CITATION)
                        .setCitation(rule.source());
            }
        }
        return plan;
    }
}
