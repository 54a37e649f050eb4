package org.acupressurecds.security;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * People's bearer tokens that OpenID Connect has verified, kept for the next call with the same token: a client sends
 * its token call after call until it expires, and checking its signature was most of an authenticated call's CPU.
 * Quarkus's own token cache covers introspection and UserInfo, not tokens verified locally.
 *
 * <p>Keyed by a SHA-256 of the whole token (the token itself is kept nowhere); each kept until its {@code exp} and
 * never longer than {@link #AT_MOST}; at most {@link #ENTRIES}, the oldest going first. A call with a kept token gets
 * the identity it was verified to, with its own request; the augmentors (a token issued in the future) and the access
 * rules still run on every call. Only bearer access tokens are kept, never a page's session.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    static final Duration AT_MOST = Duration.ofMinutes(2);
    static final int ENTRIES = 10_000;

    private record Kept(SecurityIdentity identity, long untilEpochSecond) {
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > ENTRIES;
        }
    };
    private final Clock clock;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * Before OpenID Connect's own provider, which keeps the interface's default ({@code SYSTEM_FIRST + 1}): a kept
     * token is answered here; any other falls through to it. Providers of equal priority come in no set order.
     */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 2;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential token)) {
            Metrics.counter("cds.auth.verified.tokens", "outcome", "not-a-bearer-token").increment();
            return Uni.createFrom().nullItem();
        }
        String key = digest(token.getToken());
        Kept hit;
        synchronized (kept) {
            hit = kept.get(key);
            if (hit != null && clock.instant().getEpochSecond() >= hit.untilEpochSecond()) {
                kept.remove(key);
                hit = null;
            }
        }
        Metrics.counter("cds.auth.verified.tokens", "outcome", hit == null ? "not-kept" : "kept").increment();
        if (hit == null) {
            return Uni.createFrom().nullItem(); // OpenID Connect verifies it; Keep keeps it
        }
        RoutingContext call = HttpSecurityUtils.getRoutingContextAttribute(request);
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(hit.identity());
        if (call != null) {
            identity.addAttribute(RoutingContext.class.getName(), call); // this call's, not the first call's
        }
        return Uni.createFrom().item(identity.build());
    }

    void keep(SecurityIdentity identity) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null || token.getToken() == null || identity.getCredential(IdTokenCredential.class) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long until = Math.min(jwt.getExpirationTime(), clock.instant().plus(AT_MOST).getEpochSecond());
        synchronized (kept) {
            kept.putIfAbsent(digest(token.getToken()), new Kept(identity, until));
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Keeps each identity OpenID Connect verified from a bearer token, once every other augmentor has passed it (the
     * lowest priority runs last): a token refused by one is never kept.
     */
    @ApplicationScoped
    static class Keep implements SecurityIdentityAugmentor {

        private final VerifiedTokens tokens;

        Keep(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            tokens.keep(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
