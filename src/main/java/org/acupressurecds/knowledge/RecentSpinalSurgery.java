package org.acupressurecds.knowledge;

import java.time.LocalDate;

/** Spinal surgery recent enough that the mat needs a medical clearance given on or after this date. */
@Meaning("Spinal surgery recent enough that the mat needs a medical clearance. Concluded by `contraindications.drl`.")
public record RecentSpinalSurgery(
        @Meaning(value = "a clearance counts only if given on or after this date (the surgery's; the assessment date "
                + "where the surgery's date is not known)", values = "a date")
        LocalDate date) {
}
