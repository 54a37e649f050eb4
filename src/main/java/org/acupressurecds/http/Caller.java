package org.acupressurecds.http;

import io.quarkus.security.identity.SecurityIdentity;

/** Who called, as the audit log names them: the signed-in name, or anonymous in open mode; one short line. */
public final class Caller {

    private Caller() {
    }

    public static String name(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return "an anonymous caller (open mode)";
        }
        return "'" + Excerpt.of(identity.getPrincipal().getName(), 80) + "'";
    }
}
