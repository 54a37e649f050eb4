package org.acupressurecds.knowledge;

/** A clinical finding and the verdict it calls for; the most severe finding decides. Same order as Decision. */
@Meaning("A contraindication or caution and the verdict it calls for; the most severe finding decides. "
        + "Concluded by the contraindication and caution rules.")
public record Finding(
        @Meaning("the verdict this finding calls for")
        Verdict verdict,
        @Meaning("`FIRST`: do this before the mat is used as planned (refer, clear, wait); `ALONGSIDE`: keep "
                + "doing it with the plan")
        ActionTiming timing,
        @Meaning("what to do, in a sentence a clinician reads; the first `FIRST` action leads the summary")
        String action,
        String reason) implements Explained {
}
