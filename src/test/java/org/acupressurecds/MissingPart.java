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

    public static void require(boolean available, String how) {
        if (available) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(how + " (CI installs it: .ci/run)");
        }
        Assumptions.abort(how);
    }
}
