package org.acupressurecds.rules;

import static org.acupressurecds.rules.BundledRules.assess;
import static org.acupressurecds.rules.Patient.withSciatica;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.ComplementaryCare;
import org.acupressurecds.knowledge.MatAdvice;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.TimelineMilestone;
import org.junit.jupiter.api.Test;

/** "Best Acupressure Mats", "Combine with These Complementary Treatments" and the FAQ's timeline. */
class MatsCareAndTimelineTest {

    @Test
    void everyPlanAsksForLumbarAndGlutealCoverage() {
        assertEquals(List.of("Lumbar and gluteal coverage"), needs(assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME))));
    }

    @Test
    void sacroiliacJointDysfunctionAlsoAsksForExtraLength() {
        assertEquals(List.of("Lumbar and gluteal coverage", "Extra length for the SI joint"),
                needs(assess(withSciatica(SciaticaType.SACROILIAC_JOINT_DYSFUNCTION))));
    }

    @Test
    void acuteSevereFlareAsksForGentleRoundedSpikesWithTheGuidesTwoExamples() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).painScore(9));

        MatAdvice gentle = answer.mat().stream().filter(m -> m.need().startsWith("Gentle")).findFirst().orElseThrow();
        assertEquals(List.of("DoSensePro Set", "ShaktiMat Level 1"),
                gentle.examples().stream().map(e -> e.substring(0, e.indexOf(" ("))).toList());
    }

    @Test
    void pillowPositionAsksForASetWithAPillow() {
        assertEquals(List.of("Lumbar and gluteal coverage", "Acupressure pillow"),
                needs(assess(withSciatica(SciaticaType.SPINAL_STENOSIS).spinalSurgery(null, true))));
    }

    @Test
    void everyPlanCombinesTheFiveComplementaryTreatments() {
        List<String> care = assess(withSciatica(SciaticaType.SACROILIAC_JOINT_DYSFUNCTION)).complementaryCare().stream()
                .map(ComplementaryCare::treatment).sorted().toList();

        assertEquals(List.of("Anti-inflammatory nutrition", "Heat therapy", "Lumbar mobility exercises",
                "Piriformis stretches", "Walking"), care);
    }

    @Test
    void piriformisSyndromeRespondsFastest() {
        assertEquals("Often a noticeable improvement as the piriformis muscle directly releases.",
                firstMilestone(assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME))).expect());
    }

    @Test
    void discHerniationRespondsMoreSlowly() {
        assertEquals("Slower than other types: relief comes as the surrounding muscle tension reduces gradually.",
                firstMilestone(assess(withSciatica(SciaticaType.DISC_HERNIATION))).expect());
    }

    @Test
    void otherTypesEaseSomewhatInTheFirstTwoWeeksThenFollowTheSameTimeline() {
        List<TimelineMilestone> timeline = assess(withSciatica(SciaticaType.SPINAL_STENOSIS).spinalSurgery(null, true)).timeline();

        assertEquals(List.of("Weeks 1-2", "Weeks 3-4", "Week 6 onwards"),
                timeline.stream().map(TimelineMilestone::when).toList());
        assertEquals("Some reduction in sciatic pain intensity with daily 15-20 minute sessions.", timeline.get(0).expect());
    }

    private static List<String> needs(Assessment answer) {
        return answer.mat().stream().map(MatAdvice::need).toList();
    }

    private static TimelineMilestone firstMilestone(Assessment answer) {
        return answer.timeline().get(0);
    }
}
