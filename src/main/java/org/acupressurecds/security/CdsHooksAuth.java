package org.acupressurecds.security;

import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.acupressurecds.http.Problem;
import org.acupressurecds.http.Requester;
import org.jboss.logging.Logger;

/**
 * Every call to /cds-services, discovery included, carries its EHR's JWT, verified here before anything else reads
 * the request. The mechanism is bound to that path only, so it and OpenID Connect never judge each other's tokens.
 * A refused call gets a bare 401; the log gets the coarse reason, never the token.
 */
@ApplicationScoped
public class CdsHooksAuth {

    /** The routing-context key of the verified caller; absent in open mode. */
    public static final String CALLER = "cds.hooks.caller";
    /** Before CORS (-300 would answer preflights first) and well before Quarkus's own security handlers. */
    static final int ORDER = -250;

    private static final Logger LOG = Logger.getLogger(CdsHooksAuth.class);
    private static final String REFUSED = Json.encode(new Problem("about:blank", "Unauthorized", 401,
            "A CDS Hooks call needs a valid JWT from a registered EHR.", null));

    @Produces
    @Singleton
    EhrTokenVerifier verifier(CdsHooksConfig config, SharedJtis shared) {
        return new EhrTokenVerifier(config, shared);
    }

    /**
     * The signature is checked on a worker (a key set may be fetched over HTTPS); the jti's check in the shared store
     * holds no thread while the store commits it, and the request goes on, on its event loop, once it has answered.
     */
    void install(@Observes Router router, SecurityMode mode, EhrTokenVerifier verifier) {
        router.routeWithRegex("/cds-services(/.*)?").order(ORDER).handler(ctx -> {
            if (mode.open() || ctx.request().method() == HttpMethod.OPTIONS) {
                ctx.next();
                return;
            }
            String authorization = ctx.request().getHeader("Authorization");
            String audience = audience(mode, ctx);
            Context requests = ctx.vertx().getOrCreateContext();
            ctx.vertx().executeBlocking(() -> verify(verifier, authorization, audience), false)
                    .compose(verified -> Future.fromCompletionStage(verified, requests))
                    .onComplete(verified -> {
                        if (verified.succeeded()) {
                            ctx.put(CALLER, verified.result());
                            ctx.next();
                        } else if (unwrapped(verified.cause()) instanceof EhrTokenVerifier.Refused e) {
                            LOG.warnf("CDS Hooks call refused: %s", e.getMessage());
                            rejected("ehr", e.getMessage());
                            ctx.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                                    .putHeader("WWW-Authenticate", "Bearer").end(REFUSED);
                        } else {
                            ctx.fail(verified.cause());
                        }
                    });
        });
    }

    private static CompletionStage<EhrTokenVerifier.VerifiedEhr> verify(EhrTokenVerifier verifier,
            String authorization, String audience) throws EhrTokenVerifier.Refused {
        Optional<String> token = EhrTokenVerifier.bearer(authorization);
        if (token.isEmpty()) {
            throw new EhrTokenVerifier.Refused("no bearer token");
        }
        return verifier.verify(token.get(), audience);
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A refused caller, counted by kind and coarse reason (a fixed phrase, never the token or who sent it). */
    static void rejected(String caller, String reason) {
        Metrics.counter("cds.auth.rejected", "caller", caller, "reason", reason).increment();
    }

    /** The URL of the endpoint called, from the configured public URL: never from the request's Host header. */
    private static String audience(SecurityMode mode, RoutingContext ctx) {
        String base = mode.publicUrl().map(Object::toString).orElse("").replaceAll("/+$", "");
        return base + ctx.normalizedPath();
    }

    /** Who called, for the decision record: the EHR client's issuer and the token's subject; anonymous in open mode. */
    public static Requester requester(RoutingContext ctx) {
        EhrTokenVerifier.VerifiedEhr caller = ctx.get(CALLER);
        return caller == null ? Requester.ANONYMOUS : new Requester(caller.issuer(), caller.subject());
    }

    /** The FHIR servers a call may name: its EHR's list; in open mode, the global one. */
    public static List<String> fhirServers(RoutingContext ctx, CdsHooksConfig config) {
        EhrTokenVerifier.VerifiedEhr caller = ctx.get(CALLER);
        return caller != null ? caller.fhirServers() : config.fhirServers().orElse(List.of());
    }
}
