package org.acupressurecds.knowledge;

/** A treatment to combine with the mat. */
@Meaning("A treatment to combine with the mat. Concluded by `complementary-care.drl`.")
public record ComplementaryCare(
        @Meaning("the treatment")
        String treatment,
        @Meaning("how and when to do it")
        String how,
        String reason) implements Explained {
}
