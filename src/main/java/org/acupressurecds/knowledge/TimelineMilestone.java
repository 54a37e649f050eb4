package org.acupressurecds.knowledge;

/** When to expect what; order sorts the milestones. */
public record TimelineMilestone(int order, String when, String expect, String reason) implements Explained {
}
