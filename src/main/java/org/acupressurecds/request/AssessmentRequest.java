package org.acupressurecds.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The body of POST /api/v1/assessments. Types and vocabularies are checked as it is bound; what a type cannot say
 * is checked by {@link #problems}. redFlagsScreened: false where the clinician did not screen for red flags (redFlags
 * then lists only those known); absent or true, redFlags is the screening's result and [] means none was found.
 */
public record AssessmentRequest(
        SciaticaType sciaticaType,
        List<RedFlag> redFlags,
        Boolean redFlagsScreened,
        Integer painScore,
        Boolean spinalSurgery,
        LocalDate spinalSurgeryDate,
        Boolean medicalClearance,
        Boolean largeDiscHerniationWithImpingement,
        Boolean referredLegPain,
        Boolean sedentaryWork,
        Laterality laterality,
        Integer age,
        LocalDate assessmentDate) {

    /** The patient of a request body, checked as the API checks it (a 400 naming every problem), as of the day. */
    public static PatientFacts factsOf(StrictBinder binder, JsonNode body, LocalDate today) {
        return binder.bind(body, AssessmentRequest.class, r -> r.problems(today)).toFacts(today);
    }

    /** What a type cannot say about this request: required fields, ranges, the order of dates. */
    public List<FieldError> problems(LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (sciaticaType == null) {
            errors.add(FieldError.notOneOf("sciaticaType", "is required", SciaticaType.class));
        }
        if (redFlags == null) {
            errors.add(FieldError.notOneOf("redFlags",
                    "is required: list the red flags found, or [] when the patient was screened and none were found",
                    RedFlag.class));
        } else {
            for (int i = 0; i < redFlags.size(); i++) {
                if (redFlags.get(i) == null) {
                    errors.add(FieldError.notOneOf("redFlags[" + i + "]", "must be one of the allowed values, not null",
                            RedFlag.class));
                }
            }
        }
        if (painScore != null && (painScore < 0 || painScore > 10)) {
            errors.add(new FieldError("painScore", "must be a whole number from 0 to 10"));
        }
        if (age != null && (age < 0 || age > 130)) {
            errors.add(new FieldError("age", "must be a whole number of years from 0 to 130"));
        }
        if (Boolean.FALSE.equals(spinalSurgery) && spinalSurgeryDate != null) {
            errors.add(new FieldError("spinalSurgery",
                    "must not be false when a spinalSurgeryDate is given: a date says there was a surgery"));
        }
        if (spinalSurgeryDate != null && spinalSurgeryDate.isAfter(assessedOn(today))) {
            errors.add(new FieldError("spinalSurgeryDate", "must not be after the assessment date " + assessedOn(today)));
        }
        return errors;
    }

    /**
     * The facts the rules see, for a request without problems; unstated booleans stay null so rules can say so. What
     * the clinician states is as of the assessment date: the pain score, the red flags and the clearance are today's.
     */
    public PatientFacts toFacts(LocalDate today) {
        LocalDate on = assessedOn(today);
        return PatientFacts.builder(sciaticaType, on)
                .redFlags(Set.copyOf(redFlags), !Boolean.FALSE.equals(redFlagsScreened), flag -> on)
                .painScore(painScore, painScore == null ? null : on)
                .spinalSurgery(spinalSurgery, spinalSurgeryDate)
                .medicalClearance(medicalClearance, medicalClearance == null ? null : on)
                .largeDiscHerniationWithImpingement(largeDiscHerniationWithImpingement)
                .referredLegPain(referredLegPain)
                .sedentaryWork(sedentaryWork)
                .laterality(laterality)
                .age(age)
                .build();
    }

    /**
     * The request a clinician would make today from facts read elsewhere (an EHR record), to pre-fill the page: what
     * holds only as of its own date (a pain score, a clearance) is left out unless dated today, for the clinician
     * to ask; red flags are never marked as screened.
     */
    public static AssessmentRequest describing(PatientFacts facts) {
        LocalDate today = facts.assessmentDate();
        return new AssessmentRequest(facts.sciaticaType(), facts.redFlags().stream().sorted().toList(), false,
                today.equals(facts.painScoreDate()) ? facts.painScore() : null,
                facts.spinalSurgery(), facts.spinalSurgeryDate(),
                today.equals(facts.medicalClearanceDate()) ? facts.medicalClearance() : null,
                facts.largeDiscHerniationWithImpingement(), facts.referredLegPain(), facts.sedentaryWork(),
                facts.laterality(), facts.age(), null);
    }

    private LocalDate assessedOn(LocalDate today) {
        return assessmentDate != null ? assessmentDate : today;
    }

    /** Patient data must never reach a log through an innocent string concatenation. */
    @Override
    public String toString() {
        return "AssessmentRequest[redacted]";
    }
}
