package org.acupressurecds.http;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who asked: for an EHR the client's iss and the token's sub; for a person the client id they signed in through and
 * the signed-in user. Both null in open mode, where no one signs in. The decision record keeps it; the audit log
 * names it in one short line.
 */
public record Requester(String issuer, String subject) {

    public static final Requester ANONYMOUS = new Requester(null, null);

    /** A person signed in (or no one, in open mode). */
    public static Requester of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return ANONYMOUS;
        }
        String client = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("azp") : null;
        return new Requester(client, identity.getPrincipal().getName());
    }

    /** As the audit log names who called: the signed-in name, or anonymous in open mode. */
    public String inLog() {
        return subject == null ? "an anonymous caller (open mode)" : "'" + Excerpt.of(subject, 80) + "'";
    }
}
