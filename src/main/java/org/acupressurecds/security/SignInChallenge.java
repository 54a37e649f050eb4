package org.acupressurecds.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acupressurecds.http.Problem;

/**
 * A call with neither a bearer token nor a signed-in page's session gets a 401 problem, not a redirect to the sign-in
 * page: only a browser can follow that, so only the page's own paths redirect. It refuses, never admits; the access
 * rules still decide. The paths that need no person (CDS Hooks, health, metrics, the API's description) are left to their own rules.
 */
@ApplicationScoped
public class SignInChallenge {

    /** Quarkus OIDC's session cookie, possibly in chunks (q_session_chunk_1, ...). */
    static final String SESSION_COOKIE = "q_session";
    private static final String SIGN_IN = Json.encode(new Problem("about:blank", "Unauthorized", 401,
            "Sign in: this needs a bearer token, or the page's signed-in session.", null));

    /** The page, which signs in by redirect, and the paths whose callers are not people. */
    private static final java.util.regex.Pattern OWN_RULES = java.util.regex.Pattern.compile(
            "/|/index\\.html|/app\\.js|/favicon\\.ico|/app\\.css|/rules\\.html|/rules\\.js|/cds-services(/.*)?|/q/health(/.*)?|/q/metrics(/.*)?|/q/openapi(/.*)?|/q/swagger-ui(/.*)?");

    void install(@Observes Router router, SecurityMode mode) {
        router.route().order(CdsHooksAuth.ORDER + 10).handler(ctx -> {
            if (OWN_RULES.matcher(ctx.normalizedPath()).matches()) {
                ctx.next();
                return;
            }
            boolean credentials = ctx.request().getHeader("Authorization") != null || ctx.request().cookies().stream()
                    .map(Cookie::getName).anyMatch(name -> name.startsWith(SESSION_COOKIE));
            if (mode.open() || credentials) {
                ctx.next();
                return;
            }
            CdsHooksAuth.rejected("person", "no credentials");
            ctx.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("WWW-Authenticate", "Bearer").end(SIGN_IN);
        });
    }
}
