package org.acupressurecds.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acupressurecds.http.Problem;

/**
 * The security layer's refusals as problem+json, like every other error: a 403 for a caller whose role does not
 * allow the path (or for a path with no rule), a 401 for an API token that does not verify. A redirect to sign-in
 * stays a redirect.
 */
@ApplicationScoped
public class SecurityProblems {

    private static final String FORBIDDEN = Json.encode(new Problem("about:blank", "Forbidden", 403,
            "Your role does not allow this.", null));
    private static final String UNAUTHORIZED = Json.encode(new Problem("about:blank", "Unauthorized", 401,
            "The bearer token is not valid here.", null));

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof ForbiddenException) {
                ctx.response().setStatusCode(403).putHeader("Content-Type", Problem.MEDIA_TYPE).end(FORBIDDEN);
            } else if (ctx.failure() instanceof AuthenticationFailedException && ctx.normalizedPath().startsWith("/api/")) {
                ctx.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("WWW-Authenticate", "Bearer").end(UNAUTHORIZED);
            } else {
                ctx.next();
            }
        });
    }
}
