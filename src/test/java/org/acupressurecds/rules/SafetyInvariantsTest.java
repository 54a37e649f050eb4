package org.acupressurecds.rules;

import static org.acupressurecds.rules.Patient.TODAY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.acupressurecds.BesideTheService;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The safety rules stated once and checked on every combination of type, red flags (all 128 subsets), pain,
 * surgery, large herniation and side: about twenty-eight thousand patients.
 */
@BesideTheService
class SafetyInvariantsTest {

    private static final Set<RedFlag> CAUDA_EQUINA_SIGNS =
            EnumSet.of(RedFlag.CAUDA_EQUINA_SYNDROME, RedFlag.BLADDER_DYSFUNCTION, RedFlag.BOWEL_DYSFUNCTION,
                    RedFlag.SADDLE_ANESTHESIA);

    private enum Surgery { NONE_GIVEN, RECENT_NOT_CLEARED, RECENT_CLEARED }

    private record Case(SciaticaType type, Set<RedFlag> flags, Integer pain, Surgery surgery, Boolean largeDisc,
            Laterality side) {

        Patient patient() {
            LocalDate surgeryDate = surgery == Surgery.NONE_GIVEN ? null : TODAY.minusMonths(2);
            return Patient.withSciatica(type).redFlags(flags.toArray(RedFlag[]::new)).painScore(pain)
                    .spinalSurgery(surgeryDate, surgery == Surgery.RECENT_CLEARED)
                    .largeDiscHerniationWithImpingement(largeDisc).laterality(side);
        }

        Case with(RedFlag flag) {
            Set<RedFlag> more = EnumSet.of(flag);
            more.addAll(flags);
            return new Case(type, Set.copyOf(more), pain, surgery, largeDisc, side);
        }
    }

    private static final Map<Case, Assessment> ANSWERS = new LinkedHashMap<>();

    @BeforeAll
    static void assessEveryCombination() {
        for (SciaticaType type : SciaticaType.values()) {
            for (Set<RedFlag> flags : RedFlag.everyCombination()) {
                for (Integer pain : Arrays.asList(null, 7, 8)) {
                    for (Surgery surgery : Surgery.values()) {
                        for (Boolean largeDisc : Arrays.asList(null, true)) {
                            for (Laterality side : Arrays.asList(null, Laterality.LEFT)) {
                                Case c = new Case(type, flags, pain, surgery, largeDisc, side);
                                ANSWERS.put(c, BundledRules.assess(c.patient()));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void anyCaudaEquinaSignIsAnEmergencyWhateverElseIsTrue() {
        ANSWERS.forEach((c, answer) -> {
            if (c.flags().stream().anyMatch(CAUDA_EQUINA_SIGNS::contains)) {
                assertEquals(Verdict.EMERGENCY, answer.verdict(), c::toString);
            }
        });
    }

    @Test
    void anyOtherRedFlagWithoutACaudaEquinaSignIsAnUrgentReferral() {
        ANSWERS.forEach((c, answer) -> {
            if (!c.flags().isEmpty() && c.flags().stream().noneMatch(CAUDA_EQUINA_SIGNS::contains)) {
                assertEquals(Verdict.URGENT_REFERRAL, answer.verdict(), c::toString);
            }
        });
    }

    @Test
    void recentSurgeryWithoutClearanceAndWithoutRedFlagsAlwaysNeedsClearance() {
        ANSWERS.forEach((c, answer) -> {
            if (c.flags().isEmpty() && c.surgery() == Surgery.RECENT_NOT_CLEARED) {
                assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict(), c::toString);
            }
        });
    }

    @Test
    void aPlanIsGivenExactlyWhenTheVerdictIsSuitableOrCaution() {
        ANSWERS.forEach((c, answer) -> {
            boolean planAllowed = answer.verdict() == Verdict.SUITABLE || answer.verdict() == Verdict.CAUTION;
            assertEquals(planAllowed, answer.hasPlan(), c::toString);
            assertEquals(planAllowed, answer.protocol() != null && answer.mat() != null
                    && answer.complementaryCare() != null && answer.timeline() != null && answer.warningSigns() != null,
                    c::toString);
        });
    }

    @Test
    void addingARedFlagNeverLowersTheVerdict() {
        ANSWERS.forEach((c, answer) -> {
            for (RedFlag flag : RedFlag.values()) {
                Verdict withFlag = ANSWERS.get(c.with(flag)).verdict();
                assertFalse(answer.verdict().isMoreSevereThan(withFlag), () -> c + " + " + flag);
            }
        });
    }

    @Test
    void everyAnswerExplainsItselfWithActionGuideSectionsAndTheRuleSetVersion() {
        ANSWERS.forEach((c, answer) -> assertAll(c.toString(),
                () -> assertFalse(answer.action().isBlank()),
                () -> assertFalse(answer.reasons().isEmpty()),
                () -> assertTrue(answer.reasons().stream().allMatch(r -> r.source() != null && !r.source().isBlank()
                        && r.text() != null && !r.text().isBlank())),
                () -> assertEquals(BundledRules.RULES.version(), answer.rulesetVersion()),
                () -> assertNotNull(answer.assessmentDate())));
    }
}
