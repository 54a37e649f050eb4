package org.acupressurecds.rules;

import static org.acupressurecds.rules.BundledRules.assess;
import static org.acupressurecds.rules.Patient.withSciatica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.ProtocolWeek;
import org.acupressurecds.knowledge.SciaticaType;
import org.junit.jupiter.api.Test;

/** "Complete Sciatica Relief Protocol: 6-Week Plan", personalised to the positions the plan recommends. */
class ProtocolTest {

    @Test
    void everyPlanRunsSixWeeksThenMaintenanceInTheGuidesDosesAndFrequencies() {
        List<ProtocolWeek> protocol = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION)).protocol();

        assertEquals(List.of("Week 1", "Week 2", "Week 3", "Week 4", "Weeks 5-6", "Maintenance"),
                protocol.stream().map(ProtocolWeek::weeks).toList());
        assertEquals(List.of("5-10 min", "10-15 min", "15-20 min", "20 min", "20-30 min", "15-20 min"),
                protocol.stream().map(ProtocolWeek::sessionDuration).toList());
        assertEquals(List.of("Daily", "Daily", "Daily", "Daily", "Daily", "4-5×/week"),
                protocol.stream().map(ProtocolWeek::frequency).toList());
        assertEquals("Lumbar + gluteal (supine, t-shirt)", protocol.get(0).positions());
        assertEquals("Lumbar + gluteal (bare skin)", protocol.get(1).positions());
    }

    @Test
    void piriformisSyndromeAddsSideLyingInWeekThree() {
        ProtocolWeek week3 = week(assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)), "Week 3");

        assertTrue(week3.positions().contains("side-lying piriformis"));
        assertEquals("Targeted piriformis treatment", week3.focus());
    }

    @Test
    void oneSidedLumbarTensionAddsSideLyingInWeekThree() {
        ProtocolWeek week3 = week(assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION)
                .laterality(Laterality.RIGHT)), "Week 3");

        assertTrue(week3.positions().contains("side-lying piriformis"));
    }

    @Test
    void bilateralLumbarTensionStaysOnThePrimaryPositionInWeekThree() {
        ProtocolWeek week3 = week(assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION)), "Week 3");

        assertFalse(week3.positions().contains("side-lying"));
        assertEquals("Lumbar + gluteal (bare skin)", week3.positions());
    }

    @Test
    void discHerniationAddsThePillowInWeekFour() {
        ProtocolWeek week4 = week(assess(withSciatica(SciaticaType.DISC_HERNIATION)), "Week 4");

        assertEquals("Full protocol + pillow under lumbar", week4.positions());
        assertEquals("Full lumbar decompression sequence", week4.focus());
    }

    @Test
    void piriformisSyndromeHasNoPillowInWeekFour() {
        ProtocolWeek week4 = week(assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME)), "Week 4");

        assertFalse(week4.positions().contains("pillow"));
    }

    private static ProtocolWeek week(Assessment answer, String weeks) {
        List<ProtocolWeek> matching = answer.protocol().stream().filter(w -> w.weeks().equals(weeks)).toList();
        assertEquals(1, matching.size(), "exactly one row for " + weeks);
        return matching.get(0);
    }
}
