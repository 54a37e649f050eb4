package org.acupressurecds.knowledge;

import java.util.List;

/** What the mat must offer for one need of the patient, with the guide's example mats. */
@Meaning("What the mat must offer for one need of the patient. Concluded by `mats.drl`.")
public record MatAdvice(
        @Meaning("the need, e.g. \"Lumbar and gluteal coverage\"")
        String need,
        @Meaning("what to look for in a mat")
        String guidance,
        @Meaning("the guide's example mats")
        List<String> examples,
        String reason) implements Explained {
}
