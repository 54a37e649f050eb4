package org.acupressurecds.rules;

import static org.acupressurecds.rules.BundledRules.assess;
import static org.acupressurecds.rules.FiredRules.*;
import static org.acupressurecds.rules.Patient.withSciatica;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.MissingData;
import org.acupressurecds.knowledge.RedFlag;
import org.acupressurecds.knowledge.SciaticaType;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;

/** What was not given is said, and never read as "no". */
class MissingDataTest {

    @Test
    void withoutAPainScoreTheAcuteFlareCheckIsSaidNotToHaveRun() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).painScore(null));

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertEquals(List.of("painScore", "spinalSurgeryDate"), fields(answer));
        assertEquals("No pain score was given, so the acute severe flare check (pain 8-10/10) did not run.",
                answer.missingData().get(0).reason());
        assertFired(answer, EVERY_PLAN, SUITABLE, "Piriformis syndrome responds excellently", SIDE_LYING,
                WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST, NO_SURGERY_DATE,
                "Without a pain score the acute-flare check cannot run");
    }

    @Test
    void redFlagsThatWereOnlyNotRecordedAreNotTakenAsScreenedAway() {
        Assessment answer = assess(withSciatica(SciaticaType.PIRIFORMIS_SYNDROME).redFlagsNotScreened());

        assertEquals(Verdict.SUITABLE, answer.verdict());
        assertEquals(List.of("redFlags", "spinalSurgeryDate"), fields(answer));
        assertFired(answer, EVERY_PLAN, SUITABLE, "Piriformis syndrome responds excellently", SIDE_LYING,
                WEEK_3_SIDE_LYING, WEEK_4_NO_PILLOW, PIRIFORMIS_FASTEST, NO_SURGERY_DATE,
                "Without a red-flag screening, absent red flags are not known to be absent");
    }

    @Test
    void discHerniationWithoutImagingDetailsSaysTheLargeHerniationCheckDidNotRun() {
        Assessment answer = assess(withSciatica(SciaticaType.DISC_HERNIATION).largeDiscHerniationWithImpingement(null));

        assertEquals(List.of("largeDiscHerniationWithImpingement", "spinalSurgeryDate"), fields(answer));
    }

    @Test
    void unstatedSideLegPainAndDeskWorkAreSaidForAPlan() {
        Assessment answer = assess(withSciatica(SciaticaType.LUMBAR_PARASPINAL_TENSION)
                .laterality(null).referredLegPain(null).sedentaryWork(null));

        assertEquals(List.of("laterality", "referredLegPain", "sedentaryWork", "spinalSurgeryDate"), fields(answer));
    }

    @Test
    void anEmergencyDoesNotAskAboutSurgeryOrAPlan() {
        Assessment answer = assess(withSciatica(SciaticaType.DISC_HERNIATION).redFlags(RedFlag.BOWEL_DYSFUNCTION)
                .painScore(null).largeDiscHerniationWithImpingement(null).laterality(null)
                .referredLegPain(null).sedentaryWork(null));

        assertEquals(Verdict.EMERGENCY, answer.verdict());
        assertEquals(List.of("largeDiscHerniationWithImpingement", "painScore"), fields(answer));
    }

    private static List<String> fields(Assessment answer) {
        return answer.missingData().stream().map(MissingData::field).sorted().toList();
    }
}
