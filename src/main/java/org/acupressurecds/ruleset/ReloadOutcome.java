package org.acupressurecds.ruleset;

import java.time.Instant;
import java.util.List;
import org.acupressurecds.engine.RuleProblem;

/**
 * What one attempt to load the rules folder did: the version serving before, the candidate it checked (null when it
 * did not compile), the version serving after it; problems are why it was rejected; forced: checked though unchanged.
 */
public record ReloadOutcome(Status status, String versionBefore, String candidateVersion, String servingVersion,
        Instant at, long durationMillis, boolean forced, List<RuleProblem> problems) {

    public enum Status {
        /** The new rule set passed its checks and is serving. */
        SERVED,
        /** The files are the same as the serving rule set's: nothing to do. */
        UNCHANGED,
        /** The new rule set did not compile or failed its checks; the previous one keeps serving. */
        REJECTED
    }
}
