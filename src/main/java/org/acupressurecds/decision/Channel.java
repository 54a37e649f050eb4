package org.acupressurecds.decision;

/** Where a decision was asked for. */
public enum Channel {
    API,
    PAGE,
    CDS_HOOKS,
    /** The published PlanDefinition's $apply, with the patient's FHIR data. */
    FHIR_APPLY
}
