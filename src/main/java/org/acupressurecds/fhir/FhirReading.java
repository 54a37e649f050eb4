package org.acupressurecds.fhir;

import java.util.List;
import org.acupressurecds.knowledge.PatientFacts;

/**
 * What the EHR's data says about the patient: no sciatica at all, or one set of facts per sciatica type coded
 * (several where named types conflict), with notes the card must say about how the data was read, and what of it
 * was not read.
 */
public record FhirReading(List<PatientFacts> candidates, List<String> notes, NotRead notRead,
        boolean conditionsUnavailable, List<String> sciaticaConditionIds) {

    /** sciaticaConditionIds: the ids of the patient's own conditions that coded the sciatica, as FHIR ids. */
    public FhirReading(List<PatientFacts> candidates, List<String> notes, NotRead notRead,
            boolean conditionsUnavailable) {
        this(candidates, notes, notRead, conditionsUnavailable, List.of());
    }

    public boolean hasSciatica() {
        return !candidates.isEmpty();
    }

    /**
     * What the reader set aside, each kind a line with its count and reason, and the lists it found incomplete:
     * the card says it right after its verdict, and in a few words at the end of its summary.
     */
    public record NotRead(List<String> lines, int entries, int incompleteLists) {

        static final NotRead NOTHING = new NotRead(List.of(), 0, 0);

        public boolean isEmpty() {
            return lines.isEmpty();
        }

        /** A few words for the summary's end: "Not read: 2 record entries." */
        public String inShort() {
            if (isEmpty()) {
                return "";
            }
            String entriesPart = entries == 0 ? "" : entries + (entries == 1 ? " record entry" : " record entries");
            String listsPart = incompleteLists == 0 ? "" : "part of " + (incompleteLists == 1 ? "a list" : "the lists");
            return "Not read: " + entriesPart + (entries > 0 && incompleteLists > 0 ? ", " : "") + listsPart + ".";
        }
    }
}
