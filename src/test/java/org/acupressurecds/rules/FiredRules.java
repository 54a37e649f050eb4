package org.acupressurecds.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.Reason;

/** Rule names the rule tests expect to fire, and the assertion that exactly those fired. */
final class FiredRules {

    static final String SUITABLE = "Sciatica with no finding against the mat is suitable";
    static final String MOST_SEVERE_DECIDES = "The most severe finding decides the verdict";
    static final String NO_SURGERY_DATE = "Without a spinal-surgery date the recent-surgery check cannot run";

    static final String SIDE_LYING = "Piriformis syndrome or one-sided sciatica adds side-lying piriformis on the affected side";
    static final String PILLOW = "Disc herniation or spinal stenosis adds the pillow under the lumbar spine";
    static final String SEATED = "Desk work or travel adds the seated gluteal position";
    static final String LEG = "Referred leg pain adds the leg position";

    static final String WEEK_3_SIDE_LYING = "Week 3 adds side-lying piriformis where the plan includes it";
    static final String WEEK_3_PRIMARY = "Week 3 stays on the primary position where side-lying piriformis is not indicated";
    static final String WEEK_4_PILLOW = "Week 4 adds the pillow under the lumbar spine where the plan includes it";
    static final String WEEK_4_NO_PILLOW = "Week 4 runs the full protocol without the pillow where decompression is not indicated";

    static final String EXTRA_LONG_MAT = "Sacroiliac joint dysfunction needs an extra-long mat covering SI joint and piriformis together";
    static final String GENTLE_MAT = "An acute severe flare needs gentle rounded spikes";
    static final String PILLOW_MAT = "The pillow position needs a set with an acupressure pillow";

    static final String PIRIFORMIS_FASTEST = "Piriformis syndrome often improves noticeably in the first two weeks";
    static final String DISC_SLOWER = "Disc-related sciatica improves gradually in the first weeks";
    static final String MOST_EASE_EARLY = "Most sciatica eases somewhat in the first two weeks";

    static final String ACUTE_FLARE = "A pain score of 8 to 10 is an acute severe flare: caution";

    /** What every plan holds, whatever the patient: primary position, the fixed weeks, coverage, care, timeline. */
    static final Set<String> EVERY_PLAN = Set.of(
            "A mat plan is given only when the verdict is suitable or caution",
            "Lumbar and gluteal supine is the primary position for every sciatica type",
            "Week 1 adapts on the primary position through a t-shirt",
            "Week 2 moves the primary position to bare skin",
            "Weeks 5 and 6 rotate all recommended positions",
            "Maintenance continues 4 to 5 times a week after the 6 weeks",
            "Every plan needs a mat covering the lumbar spine and the full gluteal region",
            "Piriformis stretches before mat sessions pre-loosen the muscle",
            "Lumbar mobility exercises belong in the daily morning routine",
            "Heat before the mat session amplifies its effect",
            "Daily walking keeps the sciatic nerve mobile",
            "Anti-inflammatory nutrition addresses nerve sensitisation",
            "Significant relief emerges at three to four weeks",
            "The full benefit comes after six weeks, then maintenance continues",
            "Every plan tells the patient to go to the emergency department for cauda equina signs",
            "Every plan tells the patient to stop and see a physician for weakness, numbness or foot drop");

    private FiredRules() {
    }

    /** Asserts that exactly these rules, no more and no fewer, explain the answer. */
    static void assertFired(Assessment assessment, Set<String> groups, String... rules) {
        Set<String> expected = Stream.concat(groups.stream(), Arrays.stream(rules))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> fired = assessment.reasons().stream().map(Reason::rule)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, fired, "rules that fired");
    }

    static void assertFired(Assessment assessment, String... rules) {
        assertFired(assessment, Set.of(), rules);
    }
}
