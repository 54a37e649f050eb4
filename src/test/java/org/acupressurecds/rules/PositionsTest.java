package org.acupressurecds.rules;

import static org.acupressurecds.rules.BundledRules.assess;
import static org.acupressurecds.rules.FiredRules.*;
import static org.acupressurecds.rules.Patient.withSciatica;
import static org.acupressurecds.rules.ResponseMatrixTest.positionIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.api.Test;

/** "Best Acupressure Mat Positions for Sciatica Relief" and the FAQ's leg position: which positions, on which side. */
class PositionsTest {

    private static final String LUMBAR_TENSION = "Lumbar paraspinal tension responds excellently";

    @Test
    void leftSidedLumbarTensionAddsSideLyingPiriformisOnTheLeft() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION).laterality(Laterality.LEFT));

        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.SIDE_LYING_PIRIFORMIS), positionIds(answer));
        assertEquals(Laterality.LEFT, position(answer, PositionId.SIDE_LYING_PIRIFORMIS).side());
        assertFired(answer, EVERY_PLAN, SUITABLE, LUMBAR_TENSION, SIDE_LYING, WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW,
                MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    @Test
    void rightSidedSacroiliacSciaticaAddsSideLyingPiriformisOnTheRight() {
        Assessment answer = assess(withSciatica(SciaticaType.SACROILIAC_JOINT_DYSFUNCTION).laterality(Laterality.RIGHT));

        assertEquals(Laterality.RIGHT, position(answer, PositionId.SIDE_LYING_PIRIFORMIS).side());
    }

    @Test
    void bilateralLumbarTensionHasNoSideLyingPosition() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION).laterality(Laterality.BILATERAL));

        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE), positionIds(answer));
    }

    @Test
    void bilateralPiriformisSyndromeLiesOnEachSide() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).laterality(Laterality.BILATERAL));

        Position sideLying = position(answer, PositionId.SIDE_LYING_PIRIFORMIS);
        assertEquals(Laterality.BILATERAL, sideLying.side());
        assertEquals("10-15 minutes per side", sideLying.duration());
    }

    @Test
    void piriformisSyndromeWithoutAKnownSideStillGetsSideLyingButNamesNoSide() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).laterality(null));

        assertNull(position(answer, PositionId.SIDE_LYING_PIRIFORMIS).side());
        assertFired(answer, EVERY_PLAN, SUITABLE, "Piriformis syndrome responds excellently", SIDE_LYING,
                WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST, NO_SURGERY_DATE,
                "Without the affected side, one-sided sciatica cannot be recognised");
    }

    @Test
    void deskWorkerGetsTheSeatedGlutealPosition() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION).sedentaryWork(true));

        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.SEATED_GLUTEAL), positionIds(answer));
        assertEquals("10-20 minutes during work", position(answer, PositionId.SEATED_GLUTEAL).duration());
        assertFired(answer, EVERY_PLAN, SUITABLE, LUMBAR_TENSION, SEATED, WEEK_3_PRIMARY, WEEK_4_NO_PILLOW,
                MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    @Test
    void referredLegPainOnTheRightGetsTheLegPositionForTheRightLeg() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION)
                .referredLegPain(true).laterality(Laterality.RIGHT));

        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.SIDE_LYING_PIRIFORMIS,
                PositionId.LEG_POSTERIOR), positionIds(answer));
        assertEquals(Laterality.RIGHT, position(answer, PositionId.LEG_POSTERIOR).side());
        assertFired(answer, EVERY_PLAN, SUITABLE, LUMBAR_TENSION, SIDE_LYING, LEG, WEEK_3_SIDE_LYING,
                WEEK_4_NO_PILLOW, MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    @Test
    void oneSidedDiscHerniationInADeskWorkerWithLegPainGetsEveryPosition() {
        Assessment answer = assess(withSciatica(SciaticaType.DISC_HERNIATION).laterality(Laterality.LEFT)
                .sedentaryWork(true).referredLegPain(true));

        assertEquals(List.of(PositionId.values()), positionIds(answer));
        answer.positions().forEach(p -> {
            assertEquals(false, p.steps().isEmpty(), p.id() + " has steps");
            assertEquals(false, p.duration().isBlank(), p.id() + " has a duration");
        });
    }

    @Test
    void spinalStenosisGetsThePillowUnderTheLumbarSpine() {
        Assessment answer = assess(withSciatica(SciaticaType.SPINAL_STENOSIS));

        assertEquals("10-15 minutes", position(answer, PositionId.PILLOW_UNDER_LUMBAR).duration());
    }

    private static Position position(Assessment answer, PositionId id) {
        return answer.positions().stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not recommended; got " + positionIds(answer)));
    }
}
