package org.acupressurecds.knowledge;

import java.time.LocalDate;
import java.util.Set;

/**
 * What is known of the patient, as the rules see it. A null field was not given: rules must not read it as "no".
 * Booleans are nullable for the same reason; a rule that needs "yes" asks for {@code == true}. redFlagsScreened says
 * whether an empty redFlags means "asked, none found" (a clinician's screening) or only "none recorded" (an EHR).
 */
public record PatientFacts(
        SciaticaType sciaticaType,
        Set<RedFlag> redFlags,
        boolean redFlagsScreened,
        Integer painScore,
        LocalDate spinalSurgeryDate,
        Boolean medicalClearance,
        Boolean largeDiscHerniationWithImpingement,
        Boolean referredLegPain,
        Boolean sedentaryWork,
        Laterality laterality,
        LocalDate assessmentDate) {

    public PatientFacts {
        redFlags = Set.copyOf(redFlags);
    }

    /** Patient data must never reach a log through an innocent string concatenation. */
    @Override
    public String toString() {
        return "PatientFacts[redacted]";
    }
}
