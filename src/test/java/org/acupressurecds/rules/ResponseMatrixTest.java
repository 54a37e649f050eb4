package org.acupressurecds.rules;

import static org.acupressurecds.rules.BundledRules.assess;
import static org.acupressurecds.rules.FiredRules.*;
import static org.acupressurecds.rules.Patient.withSciatica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.ExpectedResponse;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.ResponseLevel;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;

/** One test per row of the guide's "Types of Sciatica and Acupressure Mat Response", for a patient with no red flags. */
class ResponseMatrixTest {

    @Test
    void piriformisSyndromeIsSuitableWithExcellentResponse() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertResponse(answer, 5, ResponseLevel.EXCELLENT);
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.SIDE_LYING_PIRIFORMIS), positionIds(answer));
        assertFired(answer, EVERY_PLAN, SUITABLE, "Piriformis syndrome responds excellently", SIDE_LYING,
                WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST, NO_SURGERY_DATE);
    }

    @Test
    void lumbarParaspinalTensionIsSuitableWithExcellentResponse() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertResponse(answer, 5, ResponseLevel.EXCELLENT);
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE), positionIds(answer));
        assertFired(answer, EVERY_PLAN, SUITABLE, "Lumbar paraspinal tension responds excellently",
                WEEK_3_PRIMARY, WEEK_4_NO_PILLOW, MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    @Test
    void sacroiliacJointDysfunctionIsSuitableWithGoodResponseAndAnExtraLongMat() {
        Assessment answer = assess(withSciatica(SciaticaType.SACROILIAC_JOINT_DYSFUNCTION));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertResponse(answer, 4, ResponseLevel.GOOD);
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE), positionIds(answer));
        assertTrue(answer.mat().stream().anyMatch(m -> m.examples().get(0).startsWith("CXCTCT XL Set")));
        assertFired(answer, EVERY_PLAN, SUITABLE, "Sacroiliac joint dysfunction responds well", EXTRA_LONG_MAT,
                WEEK_3_PRIMARY, WEEK_4_NO_PILLOW, MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    @Test
    void discHerniationIsCautionWithModerateResponseAndThePillowPosition() {
        Assessment answer = assess(withSciatica(SciaticaType.DISC_HERNIATION));

        assertEquals(Verdict.CAUTION, answer.verdict());
        assertEquals("Use the mat for muscle tension alongside treatment of the underlying disc herniation.", answer.action());
        assertResponse(answer, 3, ResponseLevel.MODERATE);
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.PILLOW_UNDER_LUMBAR), positionIds(answer));
        assertFired(answer, EVERY_PLAN, "Disc herniation needs treatment of the disc beside the mat: caution",
                MOST_SEVERE_DECIDES, "Disc herniation responds moderately", PILLOW, PILLOW_MAT,
                WEEK_3_PRIMARY, WEEK_4_PILLOW, DISC_SLOWER, NO_SURGERY_DATE);
    }

    @Test
    void spinalStenosisIsCautionWithLimitedResponseAndAPhysicianToConsult() {
        Assessment answer = assess(withSciatica(SciaticaType.SPINAL_STENOSIS));

        assertEquals(Verdict.CAUTION, answer.verdict());
        assertEquals("Consult the patient's physician before starting the mat, and expect a limited response.", answer.action());
        assertResponse(answer, 2, ResponseLevel.LIMITED);
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE, PositionId.PILLOW_UNDER_LUMBAR), positionIds(answer));
        assertFired(answer, EVERY_PLAN, "Spinal stenosis needs a physician's opinion: caution", MOST_SEVERE_DECIDES,
                "Spinal stenosis responds to a limited degree", PILLOW, PILLOW_MAT,
                WEEK_3_PRIMARY, WEEK_4_PILLOW, MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    @Test
    void sciaticaOfUnknownTypeIsCautionWithoutExpectedResponseAndWithTheGeneralPlan() {
        Assessment answer = assess(withSciatica(SciaticaType.UNKNOWN));

        assertEquals(Verdict.CAUTION, answer.verdict());
        assertTrue(answer.action().startsWith("Establish the sciatica type"));
        assertNull(answer.expectedResponse());
        assertEquals(List.of(PositionId.LUMBAR_GLUTEAL_SUPINE), positionIds(answer));
        assertEquals(Set.of("sciaticaType", "spinalSurgeryDate"),
                answer.missingData().stream().map(MissingData::field).collect(Collectors.toSet()));
        assertFired(answer, EVERY_PLAN,
                "Sciatica of unknown type must be typed before the response can be judged: caution",
                MOST_SEVERE_DECIDES, "Without the sciatica type the expected response cannot be given",
                WEEK_3_PRIMARY, WEEK_4_NO_PILLOW, MOST_EASE_EARLY, NO_SURGERY_DATE);
    }

    static List<PositionId> positionIds(Assessment answer) {
        return answer.positions().stream().map(Position::id).toList();
    }

    private static void assertResponse(Assessment answer, int stars, ResponseLevel level) {
        ExpectedResponse expected = answer.expectedResponse();
        assertEquals(stars, expected.stars());
        assertEquals(level, expected.level());
    }
}
