package org.acupressurecds.fhir;

import java.util.List;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * What the EHR's data says about the patient: no sciatica at all, or one set of facts per sciatica type coded
 * (several where named types conflict), with notes the card must say about how the data was read.
 */
public record FhirReading(List<PatientFacts> candidates, List<String> notes, boolean conditionsUnavailable) {

    public boolean hasSciatica() {
        return !candidates.isEmpty();
    }
}
