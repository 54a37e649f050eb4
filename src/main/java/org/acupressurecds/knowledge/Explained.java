package org.acupressurecds.knowledge;

/** A fact a rule concludes, with the sentence that explains it to a clinician. */
public interface Explained {
    String reason();
}
