package org.acupressurecds.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.acupressurecds.http.FieldError;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The body of POST /api/v1/assessments. Types and vocabularies are checked as it is bound; what a type cannot say
 * is checked by {@link #problems}.
 */
public record AssessmentRequest(
        SciaticaType sciaticaType,
        List<RedFlag> redFlags,
        Integer painScore,
        LocalDate spinalSurgeryDate,
        Boolean medicalClearance,
        Boolean largeDiscHerniationWithImpingement,
        Boolean referredLegPain,
        Boolean sedentaryWork,
        Laterality laterality,
        LocalDate assessmentDate) {

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
        if (spinalSurgeryDate != null && spinalSurgeryDate.isAfter(assessedOn(today))) {
            errors.add(new FieldError("spinalSurgeryDate", "must not be after the assessment date " + assessedOn(today)));
        }
        return errors;
    }

    /** The facts the rules see, for a request without problems; unstated booleans stay null so rules can say so. */
    public PatientFacts toFacts(LocalDate today) {
        return new PatientFacts(sciaticaType,
                redFlags.isEmpty() ? EnumSet.noneOf(RedFlag.class) : EnumSet.copyOf(redFlags), true,
                painScore, spinalSurgeryDate, medicalClearance, largeDiscHerniationWithImpingement,
                referredLegPain, sedentaryWork, laterality, assessedOn(today));
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
