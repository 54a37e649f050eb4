package org.acupressurecds.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.acupressurecds.knowledge.Laterality;
import org.acupressurecds.knowledge.Position;
import org.acupressurecds.knowledge.PositionId;
import org.acupressurecds.knowledge.ProtocolWeek;
import org.junit.jupiter.api.Test;

/** A session cap cuts a length's minutes and the leading numbers of its words, and leaves the rule's other words. */
class SessionLengthTest {

    private static Position sideLying(String duration, Integer min, Integer max) {
        return new Position(PositionId.SIDE_LYING_PIRIFORMIS, "Side-lying piriformis", "Piriformis", List.of("Lie down."),
                duration, min, max, Laterality.LEFT, "Why.");
    }

    private static ProtocolWeek week(String length, int min, int max) {
        return new ProtocolWeek(5, "Weeks 5-6", length, min, max, "Daily", "All positions", "Consolidate", "Why.");
    }

    @Test
    void aCapCutsTheMinutesAndTheWordsLeadingNumbersOnly() {
        SessionLength cap10 = new SessionLength("v", 10);

        Position cut = cap10.of(sideLying("10-15 minutes per side", 10, 15));
        assertEquals(List.of("10 minutes per side", 10, 10), List.of(cut.duration(), cut.minMinutes(), cut.maxMinutes()));
        ProtocolWeek week = cap10.of(week("20-30 min", 20, 30));
        assertEquals(List.of("10 min", 10, 10), List.of(week.sessionDuration(), week.minMinutes(), week.maxMinutes()));
        assertEquals("5-10 min", cap10.of(week("5-10 min", 5, 10)).sessionDuration(), "within the cap: unchanged");
        assertEquals("5-8 minutes", new SessionLength("v", 8).of(sideLying("5-10 minutes", 5, 10)).duration());
    }

    @Test
    void aPositionWithoutMinutesOfItsOwnIsLeftAsItIs() {
        Position leg = sideLying("With the primary session", null, null);

        assertEquals(leg, new SessionLength("v", 10).of(leg));
    }

    @Test
    void wordsThatDoNotBeginWithTheirMinutesAreAFaultOfTheRules() {
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> new SessionLength("v", null).of(sideLying("15-20 minutes", 15, 25)));
        assertTrue(wrong.getMessage().contains("the position SIDE_LYING_PIRIFORMIS's length \"15-20 minutes\" does not "
                + "begin with its minutes, 15-25"), wrong.getMessage());
        assertThrows(IllegalStateException.class, () -> new SessionLength("v", null).of(week("150 min", 15, 15)));
        assertThrows(IllegalStateException.class, () -> new SessionLength("v", null).of(sideLying("x", 5, null)));
    }
}
