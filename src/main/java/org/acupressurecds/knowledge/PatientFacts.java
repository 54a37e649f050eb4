package org.acupressurecds.knowledge;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What is known of the patient, as the rules see it. A null field was not given: rules must not read it as "no".
 * Booleans are nullable for the same reason; a rule that needs "yes" asks for {@code == true}. redFlagsScreened says
 * whether an empty redFlags means "asked, none found" (a clinician's screening) or only "none recorded" (an EHR).
 *
 * <p>Facts read from a record carry their dates, and the rules decide what is current: redFlagsNotedOn holds the
 * newest date each red flag was noted (absent: noted today), painScoreDate when the pain score was taken, and
 * medicalClearanceDate when the clearance was given. Build one with {@link #builder} or {@link #toBuilder}: a new
 * fact is then one field here and one in the builder.
 */
@Meaning("The patient, as the request or the EHR record gives them; every rule matches it.")
public record PatientFacts(
        @Meaning("the sciatica type, `UNKNOWN` where it is not established")
        SciaticaType sciaticaType,
        @Meaning("the red flags the patient has: `LEG_WEAKNESS` is any leg weakness (`redFlags contains "
                + "RedFlag.FOOT_DROP`)")
        Set<RedFlag> redFlags,
        @Meaning("the newest date an EHR noted each red flag on (onset or recorded); a flag not in it was noted "
                + "today. Read it with `daysSinceNoted( RedFlag.BLADDER_DYSFUNCTION )`: whole days, 0 for today "
                + "or no date")
        Map<RedFlag, LocalDate> redFlagsNotedOn,
        @Meaning("true when a clinician screened for red flags (the API, unless it says `redFlagsScreened: "
                + "false`); false when the flags only come from an EHR record, where an empty set means \"none "
                + "recorded\"")
        boolean redFlagsScreened,
        @Meaning("red flags an EHR record names only in words (a condition's text, not a code this service "
                + "reads), to be confirmed: `redFlagsMentioned contains RedFlag.SADDLE_ANESTHESIA`; empty for the API")
        Set<RedFlag> redFlagsMentioned,
        @Meaning(value = "true when an EHR record held an entry the service could not read (a code system it does "
                + "not know, no code, a modifier it does not understand, a resource of another kind in a list) or a "
                + "list of conditions or procedures that was incomplete; null for the API, which has no record",
                values = "`true`, or null")
        Boolean recordEntriesUnread,
        @Meaning(value = "the newest pain score; an EHR's decimal score is rounded half up (7.5 counts as 8)",
                values = "`0` to `10`, or null when not given")
        Integer painScore,
        @Meaning(value = "when the pain score was taken: the assessment date for the API, null for an EHR score "
                + "with no date", values = "a date, or null when not given")
        LocalDate painScoreDate,
        @Meaning("whether there was spinal surgery; a `spinalSurgeryDate` makes it true")
        Boolean spinalSurgery,
        @Meaning(value = "the newest spinal surgery; null with `spinalSurgery == true` when its date is not known",
                values = "a date, or null when not given")
        LocalDate spinalSurgeryDate,
        @Meaning("the surgeon's or physician's clearance for mat use")
        Boolean medicalClearance,
        @Meaning(value = "when the clearance was given: the assessment date for the API, the record's date for an EHR, "
                + "null where it has none", values = "a date, or null when not given")
        LocalDate medicalClearanceDate,
        @Meaning("a large disc herniation with nerve impingement")
        Boolean largeDiscHerniationWithImpingement,
        @Meaning("pain referred down the leg")
        Boolean referredLegPain,
        @Meaning("desk work or long travel")
        Boolean sedentaryWork,
        @Meaning(value = "the side of the sciatica", values = "`LEFT`, `RIGHT`, `BILATERAL`, or null when not given")
        Laterality laterality,
        @Meaning(value = "the patient's age in whole years on the assessment date: given to the API, or from an EHR's "
                + "Patient.birthDate (a birth date given only as a year or a month counts as the oldest it can mean)",
                values = "`0` to `130`, or null when not given")
        Integer age,
        @Meaning(value = "\"today\" for date rules, in the clinical time zone (`cds.clinical-zone`): "
                + "`spinalSurgeryDate.isBefore( assessmentDate.minusMonths( 6 ) )`; `daysAgo( painScoreDate )` "
                + "is the whole days from a date to it", values = "a date, always given")
        LocalDate assessmentDate) {

    public PatientFacts {
        Objects.requireNonNull(assessmentDate, "assessmentDate");
        redFlags = Set.copyOf(redFlags);
        redFlagsNotedOn = Map.copyOf(redFlagsNotedOn);
        redFlagsMentioned = Set.copyOf(redFlagsMentioned);
        if (spinalSurgeryDate != null) {
            spinalSurgery = true; // a date says there was a surgery
        }
    }

    /** Whole days from a date to the assessment date: 0 on the day, negative for a later date. */
    public long daysAgo(LocalDate date) {
        return ChronoUnit.DAYS.between(date, assessmentDate);
    }

    /** Whole days since the red flag was last noted; 0 where it was noted today or no date was recorded. */
    public long daysSinceNoted(RedFlag flag) {
        LocalDate noted = redFlagsNotedOn.get(flag);
        return noted == null ? 0 : Math.max(0, daysAgo(noted));
    }

    public static Builder builder(SciaticaType sciaticaType, LocalDate assessmentDate) {
        return new Builder(sciaticaType, assessmentDate);
    }

    public Builder toBuilder() {
        Builder b = new Builder(sciaticaType, assessmentDate);
        b.redFlags.addAll(redFlags);
        b.redFlagsNotedOn.putAll(redFlagsNotedOn);
        b.redFlagsScreened = redFlagsScreened;
        b.redFlagsMentioned.addAll(redFlagsMentioned);
        b.recordEntriesUnread = recordEntriesUnread;
        b.painScore = painScore;
        b.painScoreDate = painScoreDate;
        b.spinalSurgery = spinalSurgery;
        b.spinalSurgeryDate = spinalSurgeryDate;
        b.medicalClearance = medicalClearance;
        b.medicalClearanceDate = medicalClearanceDate;
        b.largeDiscHerniationWithImpingement = largeDiscHerniationWithImpingement;
        b.referredLegPain = referredLegPain;
        b.sedentaryWork = sedentaryWork;
        b.laterality = laterality;
        b.age = age;
        return b;
    }

    /** Patient data must never reach a log through an innocent string concatenation. */
    @Override
    public String toString() {
        return "PatientFacts[redacted]";
    }

    /** Starts from nothing known: no red flags on record and no screening; every other fact not given. */
    public static final class Builder {
        private SciaticaType sciaticaType;
        private final Set<RedFlag> redFlags = EnumSet.noneOf(RedFlag.class);
        private final Map<RedFlag, LocalDate> redFlagsNotedOn = new EnumMap<>(RedFlag.class);
        private boolean redFlagsScreened;
        private final Set<RedFlag> redFlagsMentioned = EnumSet.noneOf(RedFlag.class);
        private Boolean recordEntriesUnread;
        private Integer painScore;
        private LocalDate painScoreDate;
        private Boolean spinalSurgery;
        private LocalDate spinalSurgeryDate;
        private Boolean medicalClearance;
        private LocalDate medicalClearanceDate;
        private Boolean largeDiscHerniationWithImpingement;
        private Boolean referredLegPain;
        private Boolean sedentaryWork;
        private Laterality laterality;
        private Integer age;
        private LocalDate assessmentDate;

        private Builder(SciaticaType sciaticaType, LocalDate assessmentDate) {
            this.sciaticaType = sciaticaType;
            this.assessmentDate = assessmentDate;
        }

        public Builder sciaticaType(SciaticaType value) {
            sciaticaType = value;
            return this;
        }

        /** Red flags found by a clinician's screening: an empty set means none was found. */
        public Builder screenedRedFlags(Set<RedFlag> flags) {
            redFlagsScreened = true;
            redFlags.addAll(flags);
            return this;
        }

        /** Red flags on record, with no screening: the ones not on record are not known to be absent. */
        public Builder notScreened() {
            redFlagsScreened = false;
            return this;
        }

        /**
         * The red flags: a clinician's screening (an empty set means none was found), or, not screened, those a
         * record noted, each on its date (notedOn gives a flag's date, or null for none).
         */
        public Builder redFlags(Set<RedFlag> flags, boolean screened, Function<RedFlag, LocalDate> notedOn) {
            if (screened) {
                return screenedRedFlags(flags);
            }
            notScreened();
            flags.forEach(flag -> redFlag(flag, notedOn.apply(flag)));
            return this;
        }

        /** Forgets the red flags given so far, to give them again with the dates a record noted them on. */
        public Builder withoutRedFlags() {
            redFlags.clear();
            redFlagsNotedOn.clear();
            return this;
        }

        /**
         * A red flag noted on a date. A flag noted more than once keeps its newest date, and an undated note makes it
         * undated: it may be new, and the rules take an undated flag as noted today.
         */
        public Builder redFlag(RedFlag flag, LocalDate notedOn) {
            boolean undatedBefore = redFlags.contains(flag) && !redFlagsNotedOn.containsKey(flag);
            redFlags.add(flag);
            if (notedOn == null || undatedBefore) {
                redFlagsNotedOn.remove(flag);
            } else {
                redFlagsNotedOn.merge(flag, notedOn, (a, b) -> a.isAfter(b) ? a : b);
            }
            return this;
        }

        /** A red flag the record names only in words: to be confirmed, not taken as found. */
        public Builder redFlagMentioned(RedFlag flag) {
            redFlagsMentioned.add(flag);
            return this;
        }

        public Builder recordEntriesUnread(Boolean value) {
            recordEntriesUnread = value;
            return this;
        }

        public Builder painScore(Integer score, LocalDate takenOn) {
            painScore = score;
            painScoreDate = takenOn;
            return this;
        }

        /** Whether there was spinal surgery, and when (null: not known); a date implies there was. */
        public Builder spinalSurgery(Boolean had, LocalDate date) {
            spinalSurgery = had;
            spinalSurgeryDate = date;
            return this;
        }

        public Builder medicalClearance(Boolean given, LocalDate givenOn) {
            medicalClearance = given;
            medicalClearanceDate = givenOn;
            return this;
        }

        public Builder largeDiscHerniationWithImpingement(Boolean value) {
            largeDiscHerniationWithImpingement = value;
            return this;
        }

        public Builder referredLegPain(Boolean value) {
            referredLegPain = value;
            return this;
        }

        public Builder sedentaryWork(Boolean value) {
            sedentaryWork = value;
            return this;
        }

        public Builder laterality(Laterality value) {
            laterality = value;
            return this;
        }

        public Builder age(Integer years) {
            age = years;
            return this;
        }

        public Builder assessmentDate(LocalDate value) {
            assessmentDate = value;
            return this;
        }

        public PatientFacts build() {
            return new PatientFacts(sciaticaType, redFlags, redFlagsNotedOn, redFlagsScreened, redFlagsMentioned,
                    recordEntriesUnread, painScore,
                    painScoreDate, spinalSurgery, spinalSurgeryDate, medicalClearance, medicalClearanceDate,
                    largeDiscHerniationWithImpingement, referredLegPain, sedentaryWork, laterality, age, assessmentDate);
        }
    }
}
