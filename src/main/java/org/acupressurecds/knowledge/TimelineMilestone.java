package org.acupressurecds.knowledge;

/** When to expect what; order sorts the milestones. */
@Meaning("When to expect what. Concluded by `timeline.drl`.")
public record TimelineMilestone(
        @Meaning(value = "sorts the milestones", values = "a whole number")
        int order,
        @Meaning("when, e.g. \"Weeks 1-2\"")
        String when,
        @Meaning("what the patient can expect then")
        String expect,
        String reason) implements Explained {
}
