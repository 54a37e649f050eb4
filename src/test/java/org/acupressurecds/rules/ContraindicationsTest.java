package org.acupressurecds.rules;

import static org.acupressurecds.rules.BundledRules.assess;
import static org.acupressurecds.rules.FiredRules.*;
import static org.acupressurecds.rules.Patient.TODAY;
import static org.acupressurecds.rules.Patient.withSciatica;
import static org.acupressurecds.rules.ResponseMatrixTest.positionIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;

/** One test per entry of "When NOT to Use an Acupressure Mat for Sciatica", and how they rank against each other. */
class ContraindicationsTest {

    private static final String EMERGENCY_ACTION =
            "Send the patient to the emergency department now: suspected cauda equina syndrome. Do not use the mat.";
    private static final String URGENT_ACTION =
            "Stop mat use and arrange an urgent physician review: this needs medical evaluation, not home therapy.";
    private static final String PIRIFORMIS_RESPONSE = "Piriformis syndrome responds excellently";
    private static final String CLEARANCE = "Spinal surgery within the last 6 months needs medical clearance";
    private static final String CLEARED = "Spinal surgery within the last 6 months with medical clearance allows the mat";

    @Test
    void diagnosedCaudaEquinaSyndromeIsAnEmergencyWithoutAPlan() {
        assertRedFlagAlone(RedFlag.CAUDA_EQUINA_SYNDROME, Verdict.EMERGENCY, EMERGENCY_ACTION,
                "Diagnosed cauda equina syndrome is an emergency");
    }

    @Test
    void bladderDysfunctionIsAnEmergencyWithoutAPlan() {
        assertRedFlagAlone(RedFlag.BLADDER_DYSFUNCTION, Verdict.EMERGENCY, EMERGENCY_ACTION,
                "Bladder dysfunction with sciatica is a cauda equina sign: emergency");
    }

    @Test
    void bowelDysfunctionIsAnEmergencyWithoutAPlan() {
        assertRedFlagAlone(RedFlag.BOWEL_DYSFUNCTION, Verdict.EMERGENCY, EMERGENCY_ACTION,
                "Bowel dysfunction with sciatica is a cauda equina sign: emergency");
    }

    @Test
    void saddleAnaesthesiaIsAnEmergencyWithoutAPlan() {
        assertRedFlagAlone(RedFlag.SADDLE_ANESTHESIA, Verdict.EMERGENCY, EMERGENCY_ACTION,
                "Saddle anaesthesia with sciatica is a cauda equina sign: emergency");
    }

    @Test
    void progressiveLegWeaknessNeedsUrgentReferralWithoutAPlan() {
        assertRedFlagAlone(RedFlag.PROGRESSIVE_LEG_WEAKNESS, Verdict.URGENT_REFERRAL, URGENT_ACTION,
                "Progressive leg weakness needs an urgent physician review");
    }

    @Test
    void progressiveNumbnessNeedsUrgentReferralWithoutAPlan() {
        assertRedFlagAlone(RedFlag.PROGRESSIVE_NUMBNESS, Verdict.URGENT_REFERRAL, URGENT_ACTION,
                "Progressive numbness needs an urgent physician review");
    }

    @Test
    void footDropNeedsUrgentReferralWithoutAPlan() {
        assertRedFlagAlone(RedFlag.FOOT_DROP, Verdict.URGENT_REFERRAL, URGENT_ACTION,
                "Foot drop needs an urgent physician review");
    }

    @Test
    void caudaEquinaSignDuringAnAcuteSevereFlareIsStillAnEmergency() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)
                .redFlags(RedFlag.BLADDER_DYSFUNCTION).painScore(9));

        assertEquals(Verdict.EMERGENCY, answer.verdict());
        assertEquals(EMERGENCY_ACTION, answer.action());
        assertFalse(answer.hasPlan());
        assertFired(answer, "Bladder dysfunction with sciatica is a cauda equina sign: emergency", ACUTE_FLARE,
                MOST_SEVERE_DECIDES);
    }

    @Test
    void caudaEquinaSignsWithFootDropAreAnEmergencyAndTheActionIsSaidOnce() {
        Assessment answer = assess(withSciatica(SciaticaType.DISC_HERNIATION)
                .redFlags(RedFlag.BOWEL_DYSFUNCTION, RedFlag.SADDLE_ANESTHESIA, RedFlag.FOOT_DROP));

        assertEquals(Verdict.EMERGENCY, answer.verdict());
        assertEquals(EMERGENCY_ACTION, answer.action());
        assertFired(answer, "Bowel dysfunction with sciatica is a cauda equina sign: emergency",
                "Saddle anaesthesia with sciatica is a cauda equina sign: emergency",
                "Foot drop needs an urgent physician review",
                "Disc herniation needs treatment of the disc beside the mat: caution",
                MOST_SEVERE_DECIDES);
    }

    @Test
    void footDropAfterRecentSurgeryIsAnUrgentReferralNotAClearanceQuestion() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)
                .redFlags(RedFlag.FOOT_DROP).spinalSurgery(TODAY.minusMonths(2), false));

        assertEquals(Verdict.URGENT_REFERRAL, answer.verdict());
        assertFired(answer, "Foot drop needs an urgent physician review", CLEARANCE, MOST_SEVERE_DECIDES);
    }

    @Test
    void spinalSurgeryOneDayShortOfSixMonthsAgoRequiresClearance() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)
                .spinalSurgery(TODAY.minusMonths(6).plusDays(1), false));

        assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict());
        assertEquals("Do not start the mat until the surgeon or physician gives medical clearance.", answer.action());
        assertFalse(answer.hasPlan());
        assertFired(answer, CLEARANCE, MOST_SEVERE_DECIDES, PIRIFORMIS_RESPONSE);
    }

    @Test
    void spinalSurgeryExactlySixMonthsAgoStillRequiresClearance() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)
                .spinalSurgery(TODAY.minusMonths(6), false));

        assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict());
        assertFired(answer, CLEARANCE, MOST_SEVERE_DECIDES, PIRIFORMIS_RESPONSE);
    }

    @Test
    void spinalSurgerySixMonthsAndADayAgoNoLongerRequiresClearance() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)
                .spinalSurgery(TODAY.minusMonths(6).minusDays(1), false));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertTrue(answer.missingData().isEmpty());
        assertFired(answer, EVERY_PLAN, SUITABLE, PIRIFORMIS_RESPONSE, SIDE_LYING, WEEK_3_SIDE_LYING,
                WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST);
    }

    @Test
    void recentSpinalSurgeryWithMedicalClearanceIsSuitableWithinTheClearance() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)
                .spinalSurgery(TODAY.minusMonths(1), true));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertEquals("Follow the plan below within the limits of the medical clearance.", answer.action());
        assertTrue(answer.hasPlan());
        assertFired(answer, EVERY_PLAN, CLEARED, MOST_SEVERE_DECIDES, PIRIFORMIS_RESPONSE, SIDE_LYING,
                WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST);
    }

    @Test
    void recentSpinalSurgeryWithoutClearanceOutranksAnAcuteFlare() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION)
                .spinalSurgery(TODAY.minusWeeks(3), false).painScore(9));

        assertEquals(Verdict.CLEARANCE_REQUIRED, answer.verdict());
        assertFalse(answer.hasPlan());
        assertFired(answer, CLEARANCE, ACUTE_FLARE, MOST_SEVERE_DECIDES, "Lumbar paraspinal tension responds excellently");
    }

    @Test
    void painOfSevenIsNotAnAcuteFlare() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).painScore(7));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertFired(answer, EVERY_PLAN, SUITABLE, PIRIFORMIS_RESPONSE, SIDE_LYING, WEEK_3_SIDE_LYING,
                WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST, NO_SURGERY_DATE);
    }

    @Test
    void painOfEightIsAnAcuteSevereFlareCallingForCautionAndAGentleMat() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).painScore(8));

        assertEquals(Verdict.CAUTION, answer.verdict());
        assertEquals("Wait for the acute intensity to reduce; until then use only a gentle rounded-spike mat or very short sessions.",
                answer.action());
        assertTrue(answer.mat().stream().anyMatch(m -> m.examples().get(0).startsWith("DoSensePro Set")));
        assertFired(answer, EVERY_PLAN, ACUTE_FLARE, MOST_SEVERE_DECIDES, GENTLE_MAT, PIRIFORMIS_RESPONSE,
                SIDE_LYING, WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST, NO_SURGERY_DATE);
    }

    @Test
    void painOfTenIsAnAcuteSevereFlare() {
        assertEquals(Verdict.CAUTION, assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION).painScore(10)).verdict());
    }

    @Test
    void largeDiscHerniationWithImpingementMakesTheMatAdjunctiveAndSaysBothCautions() {
        Assessment answer = assess(withSciatica(SciaticaType.DISC_HERNIATION).largeDiscHerniationWithImpingement(true));

        assertEquals(Verdict.CAUTION, answer.verdict());
        assertEquals("Use the mat for muscle tension alongside treatment of the underlying disc herniation. "
                + "Use the mat only alongside medical treatment of the disc, which is primary.", answer.action());
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.PILLOW_UNDER_LUMBAR), positionIds(answer));
        assertFired(answer, EVERY_PLAN,
                "A large disc herniation with nerve impingement makes the mat adjunctive: caution",
                "Disc herniation needs treatment of the disc beside the mat: caution", MOST_SEVERE_DECIDES,
                "Disc herniation responds moderately", PILLOW, PILLOW_MAT, WEEK_3_PRIMARY, WEEK_4_PILLOW, DISC_SLOWER,
                NO_SURGERY_DATE);
    }

    private static void assertRedFlagAlone(RedFlag flag, Verdict verdict, String action, String rule) {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).redFlags(flag));

        assertEquals(verdict, answer.verdict());
        assertEquals(action, answer.action());
        assertFalse(answer.hasPlan());
        assertNull(answer.protocol());
        assertNull(answer.expectedResponse(), "after a red flag no expected response is given");
        assertFired(answer, rule, MOST_SEVERE_DECIDES);
    }
}
