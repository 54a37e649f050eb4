package org.acupressurecds.decision;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.ExpectedResponse;
import org.acupressurecds.knowledge.ResponseLevel;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Where a record codes sciatica types that conflict, the card shows the most cautious answer: tried on seeded random
 * sets of answers, none left out is more severe, nor as severe with a lower expected response (none stated counts as
 * the lowest).
 */
class MostCautiousTest {

    private static final long SEED = 20261204;

    @Test
    void theMostCautiousAnswerIsChosenAmongAnyConflictingTypes() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            List<Assessment> answers = new ArrayList<>();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                Verdict verdict = Verdict.values()[random.nextInt(Verdict.values().length)];
                ResponseLevel level = random.nextInt(4) == 0 ? null
                        : ResponseLevel.values()[random.nextInt(ResponseLevel.values().length)];
                answers.add(new Assessment(verdict, "", level == null ? null : new ExpectedResponse(level, ""), null,
                        null, null, null, null, null, List.of(), List.of(), List.of(), LocalDate.of(2026, 12, 4), "v"));
            }
            String at = "case " + i + " (seed " + SEED + ")";

            Assessment chosen = answers.stream().max(Assessment.MOST_CAUTIOUS).orElseThrow();

            for (Assessment other : answers) {
                assertFalse(other.verdict().isMoreSevereThan(chosen.verdict()), at + ": a more severe answer was left");
                assertFalse(other.verdict() == chosen.verdict() && stars(other) < stars(chosen),
                        at + ": as severe, with a lower expected response, was left");
            }
        }
    }

    /** None stated is the lowest: nothing is known to be expected. */
    private static int stars(Assessment answer) {
        return answer.expectedResponse() == null ? 0 : answer.expectedResponse().stars();
    }
}
