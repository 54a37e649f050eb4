package org.acupressurecds.knowledge;

/** The verdict that decides, with what to do now. Same order as Finding. */
@Meaning("The verdict that decides, with what to do now. Concluded by `verdict.drl` only.")
public record Decision(
        @Meaning("the verdict of the answer")
        Verdict verdict,
        @Meaning("as for `Finding`")
        ActionTiming timing,
        @Meaning("what to do, in a sentence a clinician reads")
        String action,
        String reason) implements Explained {
}
