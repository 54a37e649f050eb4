package org.acupressurecds;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs a part of the machine (Chromium, PostgreSQL, a Java 21 for Keycloak): on a developer's machine
 * without it, the test is skipped with how to install it; in CI (.ci/run sets CI=true, after installing every part)
 * it fails, so no test skips itself there.
 */
public final class MissingPart {

    private MissingPart() {
    }

    /** Whether this run is CI's (CI set, and not to false), where a missing part fails: the one place that says. */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    public static void require(boolean available, String how) {
        if (available) {
            return;
        }
        if (inCi()) {
            Assertions.fail(how + " (CI installs it: .ci/run)");
        }
        Assumptions.abort(how);
    }
}
