package org.acupressurecds.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * The facts the rules saw, pseudonymised: no identifier and no calendar date, every date a whole number of days
 * before the assessment date, and the age in whole years with 90 and over as "90+" (HIPAA's rule for ages), so a
 * replay of any age threshold under 90 is exact. Not anonymous (the decision time gives the dates back), so read by
 * role only.
 */
public record RecordedFacts(
        SciaticaType sciaticaType,
        Set<RedFlag> redFlags,
        Map<RedFlag, Long> redFlagsNotedDaysBefore,
        boolean redFlagsScreened,
        Set<RedFlag> redFlagsMentioned,
        Boolean recordEntriesUnread,
        Integer painScore,
        Long painScoreDaysBefore,
        Boolean spinalSurgery,
        Long spinalSurgeryDaysBefore,
        Boolean medicalClearance,
        Long medicalClearanceDaysBefore,
        Boolean largeDiscHerniationWithImpingement,
        Boolean referredLegPain,
        Boolean sedentaryWork,
        Laterality laterality,
        String age) {

    /** The age from which a record keeps only "90+". */
    static final int OLDEST_RECORDED = 90;

    /** As kept: a fact not known is left out rather than written as null, which is most of a record's facts. */
    private static final ObjectMapper KEPT = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final ObjectMapper READ = new ObjectMapper();

    /** The facts as the decision record keeps them, in JSON. */
    public String kept() {
        try {
            return KEPT.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record's facts as JSON", e);
        }
    }

    /** Kept facts read back, as an impact replay reads them: a fact left out is not known. */
    public static RecordedFacts ofKept(String kept) throws JsonProcessingException {
        return READ.readValue(kept, RecordedFacts.class);
    }

    /** Kept facts as an auditor reads them: every fact named, those not known as null, however they were kept. */
    public static JsonNode readable(String kept) throws JsonProcessingException {
        return READ.valueToTree(ofKept(kept));
    }

    public static RecordedFacts of(PatientFacts f) {
        Map<RedFlag, Long> noted = new TreeMap<>();
        f.redFlagsNotedOn().forEach((flag, on) -> noted.put(flag, f.daysAgo(on)));
        return new RecordedFacts(f.sciaticaType(), f.redFlags(), noted, f.redFlagsScreened(),
                f.redFlagsMentioned(), f.recordEntriesUnread(), f.painScore(),
                daysBefore(f, f.painScoreDate()), f.spinalSurgery(), daysBefore(f, f.spinalSurgeryDate()),
                f.medicalClearance(), daysBefore(f, f.medicalClearanceDate()), f.largeDiscHerniationWithImpingement(),
                f.referredLegPain(), f.sedentaryWork(), f.laterality(), age(f.age()));
    }

    /** The facts again, on an assessment date: what a replay of this decision gives the rules. */
    public PatientFacts toFacts(LocalDate assessmentDate) {
        PatientFacts.Builder facts = PatientFacts.builder(sciaticaType, assessmentDate);
        if (redFlagsMentioned != null) { // recorded before the reader reported mentions
            redFlagsMentioned.forEach(facts::redFlagMentioned);
        }
        return facts
                .redFlags(redFlags, redFlagsScreened, flag -> on(assessmentDate, redFlagsNotedDaysBefore.get(flag)))
                .recordEntriesUnread(recordEntriesUnread)
                .painScore(painScore, on(assessmentDate, painScoreDaysBefore))
                .spinalSurgery(spinalSurgery, on(assessmentDate, spinalSurgeryDaysBefore))
                .medicalClearance(medicalClearance, on(assessmentDate, medicalClearanceDaysBefore))
                .largeDiscHerniationWithImpingement(largeDiscHerniationWithImpingement)
                .referredLegPain(referredLegPain)
                .sedentaryWork(sedentaryWork)
                .laterality(laterality)
                .age(age == null ? null : age.equals(OLDEST_RECORDED + "+") ? OLDEST_RECORDED : Integer.valueOf(age))
                .build();
    }

    private static String age(Integer years) {
        return years == null ? null : years >= OLDEST_RECORDED ? OLDEST_RECORDED + "+" : years.toString();
    }

    private static Long daysBefore(PatientFacts f, LocalDate date) {
        return date == null ? null : f.daysAgo(date);
    }

    private static LocalDate on(LocalDate assessmentDate, Long daysBefore) {
        return daysBefore == null ? null : assessmentDate.minusDays(daysBefore);
    }
}
