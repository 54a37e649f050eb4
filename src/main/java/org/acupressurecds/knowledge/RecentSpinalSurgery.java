package org.acupressurecds.knowledge;

import java.time.LocalDate;

/** Spinal surgery recent enough that the mat needs a medical clearance given on or after this date. */
public record RecentSpinalSurgery(LocalDate date) {
}
