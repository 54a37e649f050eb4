package org.acupressurecds.rules;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;

/**
 * A test patient, fully described unless a test says otherwise: screened with no red flags, pain 4/10, both legs,
 * no large herniation, referred leg pain or desk work, no spinal surgery.
 */
final class Patient {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private SciaticaType type;
    private final Set<RedFlag> redFlags = EnumSet.noneOf(RedFlag.class);
    private boolean redFlagsScreened = true;
    private Integer painScore = 4;
    private LocalDate painScoreDate = TODAY;
    private LocalDate spinalSurgeryDate;
    private Boolean medicalClearance = false;
    private Boolean largeDiscHerniationWithImpingement = false;
    private Boolean referredLegPain = false;
    private Boolean sedentaryWork = false;
    private Laterality laterality = Laterality.BILATERAL;

    private Patient(SciaticaType type) {
        this.type = type;
    }

    static Patient withSciatica(SciaticaType type) {
        return new Patient(type);
    }

    Patient redFlags(RedFlag... flags) {
        redFlags.addAll(Set.of(flags));
        return this;
    }

    Patient redFlagsNotScreened() {
        redFlagsScreened = false;
        return this;
    }

    Patient painScore(Integer score) {
        painScore = score;
        return this;
    }

    Patient painScoreTakenOn(LocalDate date) {
        painScoreDate = date;
        return this;
    }

    Patient spinalSurgery(LocalDate date, Boolean cleared) {
        spinalSurgeryDate = date;
        medicalClearance = cleared;
        return this;
    }

    Patient largeDiscHerniationWithImpingement(Boolean value) {
        largeDiscHerniationWithImpingement = value;
        return this;
    }

    Patient referredLegPain(Boolean value) {
        referredLegPain = value;
        return this;
    }

    Patient sedentaryWork(Boolean value) {
        sedentaryWork = value;
        return this;
    }

    Patient laterality(Laterality value) {
        laterality = value;
        return this;
    }

    PatientFacts facts() {
        return PatientFacts.builder(type, TODAY)
                .redFlags(redFlags, redFlagsScreened, flag -> null)
                .painScore(painScore, painScoreDate)
                .spinalSurgery(spinalSurgeryDate == null ? false : null, spinalSurgeryDate)
                .medicalClearance(medicalClearance, TODAY)
                .largeDiscHerniationWithImpingement(largeDiscHerniationWithImpingement)
                .referredLegPain(referredLegPain)
                .sedentaryWork(sedentaryWork)
                .laterality(laterality)
                .build();
    }
}
