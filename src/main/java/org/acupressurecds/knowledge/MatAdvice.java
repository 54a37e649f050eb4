package org.acupressurecds.knowledge;

import java.util.List;

/** What the mat must offer for one need of the patient, with the guide's example mats. */
public record MatAdvice(String need, String guidance, List<String> examples, String reason) implements Explained {
}
