package org.acupressurecds.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies the JWT an EHR sends with every CDS Hooks call, as CDS Hooks 2.0 requires: an asymmetric signature by a
 * key of a configured client, found by its iss; aud is the endpoint called; exp and iat within a small skew; a jti
 * used once. jose4j does the cryptography.
 */
public final class EhrTokenVerifier {

    /** Only these may ever be configured: signatures with a public key. Never none, never HMAC. */
    private static final Set<String> ASYMMETRIC = Set.of(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512,
            AlgorithmIdentifiers.RSA_USING_SHA512);

    /** Why a token was refused, in a word or two: logged, never the token. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A verified caller: the configured client and the token's subject. */
    public record VerifiedEhr(String client, String issuer, String subject, List<String> fhirServers) {
    }

    private record Client(String name, CdsHooksConfig.Client config, VerificationKeyResolver keys, Set<String> jku) {
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EhrTokenVerifier.class);

    private final Map<String, Client> byIssuer;
    private final AlgorithmConstraints algorithms;
    private final int skewSeconds;
    private final long maxLifetimeSeconds;
    private final int maxInFlight;
    /** Each client's jtis seen: a client that sends too many fills only its own. */
    private final Map<String, SeenJtis> seenJtis = new ConcurrentHashMap<>();
    private final SharedJtis shared;
    /** One cached key set per allowed jku, as for a client's own JWKS URL. */
    private final Map<String, VerificationKeyResolver> jkuKeys = new ConcurrentHashMap<>();

    public EhrTokenVerifier(CdsHooksConfig config, SharedJtis shared) {
        this.shared = shared;
        List<String> unsupported = config.algorithms().stream().filter(a -> !ASYMMETRIC.contains(a)).toList();
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("cds.hooks.algorithms: " + unsupported + " are not asymmetric "
                    + "signature algorithms; allowed: " + ASYMMETRIC.stream().sorted().toList());
        }
        this.algorithms = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                config.algorithms().toArray(String[]::new));
        this.skewSeconds = (int) config.clockSkew().toSeconds();
        this.maxLifetimeSeconds = config.maxTokenLifetime().toSeconds();
        this.maxInFlight = config.maxTokensInFlight();
        this.byIssuer = config.clients().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getValue().issuer(),
                e -> new Client(e.getKey(), e.getValue(), keys(e.getKey(), e.getValue().jwks()),
                        Set.copyOf(e.getValue().jku().orElse(List.of())))));
    }

    public boolean hasClients() {
        return !byIssuer.isEmpty();
    }

    /**
     * The caller, if the token is good for the endpoint at {@code audience}; why not, otherwise: thrown at once where
     * the token or this instance's memory tells, or the stage failed with {@link Refused} where the store finds its
     * jti used elsewhere.
     * The stage completes when the store has answered, so no thread waits for it.
     */
    public CompletionStage<VerifiedEhr> verify(String token, String audience) throws Refused {
        JwtContext unverified = unverified(token);
        JsonWebSignature header = (JsonWebSignature) unverified.getJoseObjects().get(0);
        if (!ASYMMETRIC.contains(header.getAlgorithmHeaderValue())) {
            throw new Refused("algorithm not allowed");
        }
        Client client;
        try {
            client = byIssuer.get(unverified.getJwtClaims().getIssuer());
        } catch (MalformedClaimException e) {
            throw new Refused("malformed claims");
        }
        if (client == null) {
            throw new Refused("unknown issuer");
        }
        VerificationKeyResolver keys = client.keys();
        String jku = header.getHeader("jku");
        if (jku != null) {
            if (!client.jku().contains(jku)) {
                throw new Refused("jku not allowed");
            }
            keys = jkuKeys.computeIfAbsent(jku, url -> new HttpsJwksVerificationKeyResolver(new HttpsJwks(url)));
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(algorithms)
                .setVerificationKeyResolver(keys)
                .setExpectedIssuer(client.config().issuer())
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(skewSeconds, 24 * 3600)
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(skewSeconds)
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new Refused(reason(e));
        }
        try {
            if (claims.getJwtId().isBlank()) {
                throw new Refused("blank jti");
            }
            if (claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() > maxLifetimeSeconds) {
                throw new Refused("lifetime too long");
            }
            rememberOnce(client.name(), claims.getJwtId(), claims.getExpirationTime().getValue());
            VerifiedEhr caller = new VerifiedEhr(client.name(), claims.getIssuer(), claims.getSubject(),
                    client.config().fhirServers().orElse(List.of()));
            return rememberEverywhere(client.config().issuer(), claims.getJwtId(),
                    claims.getExpirationTime().getValue()).thenApply(first -> caller);
        } catch (MalformedClaimException e) {
            throw new Refused("malformed claims");
        }
    }

    /**
     * A jti is good once within its token's lifetime; tokens live minutes, so the memory is short. Each client's
     * memory is bounded on its own: one client's flood refuses that client's calls, never another's.
     */
    private void rememberOnce(String client, String jti, long expiresAt) throws Refused {
        SeenJtis seen = seenJtis.computeIfAbsent(client, k -> new SeenJtis());
        if (seen.jtis().size() > maxInFlight / 2) {
            long now = Instant.now().getEpochSecond();
            seen.forgetExpired(now, now - skewSeconds);
        }
        if (seen.jtis().size() >= maxInFlight) {
            throw new Refused("too many tokens in flight");
        }
        if (seen.jtis().putIfAbsent(jti, expiresAt) != null) {
            throw new Refused("jti replayed");
        }
    }

    /**
     * One client's jtis with their expiry. The expired are let go at most once a second: a walk through all of them
     * on every call, once there are many, would cost each call the whole memory (docs/performance.md).
     */
    record SeenJtis(Map<String, Long> jtis, AtomicLong nextWalk) {
        SeenJtis() {
            this(new ConcurrentHashMap<>(), new AtomicLong());
        }

        /** Forgets the jtis of tokens expired before {@code before}, unless a walk ran this second (epoch seconds). */
        void forgetExpired(long now, long before) {
            long due = nextWalk.get();
            if (now >= due && nextWalk.compareAndSet(due, now + 1)) {
                jtis.values().removeIf(exp -> exp < before);
            }
        }
    }

    /**
     * Across replicas, through the store. Where the store cannot tell (it is down, or slow), this instance's memory
     * alone decides, and the log says so: refusing every EHR call would stop the emergency cards too.
     */
    private CompletionStage<Void> rememberEverywhere(String issuer, String jti, long expiresAt) {
        CompletionStage<Boolean> first;
        try {
            first = shared.firstUse(issuer, jti, Instant.ofEpochSecond(expiresAt));
        } catch (RuntimeException e) {
            first = CompletableFuture.failedFuture(e);
        }
        return first.handle((isFirst, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.warnf("The shared jti cache cannot be reached (%s): replays are refused on this instance only.",
                        cause.getClass().getName());
                return null;
            }
            if (!isFirst) {
                throw new CompletionException(new Refused("jti replayed"));
            }
            return null;
        });
    }

    private static JwtContext unverified(String token) throws Refused {
        try {
            JwtContext context = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                    .setSkipSignatureVerification().setRelaxVerificationKeyValidation().build().process(token);
            if (context.getJoseObjects().size() != 1 || !(context.getJoseObjects().get(0) instanceof JsonWebSignature)) {
                throw new Refused("not a signed JWT");
            }
            return context;
        } catch (InvalidJwtException e) {
            throw new Refused("not a JWT");
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "expired";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_MISSING)) {
            return "wrong audience";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_INVALID_PAST)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUED_AT_MISSING)) {
            return "bad iat";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.JWT_ID_MISSING)) {
            return "no jti";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)) {
            return "bad signature";
        }
        return "invalid token";
    }

    /** A JWKS file is read at start and again when a kid is unknown; an https JWKS is cached by jose4j. */
    private static VerificationKeyResolver keys(String client, String jwks) {
        if (jwks.startsWith("https://")) {
            return new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwks));
        }
        if (jwks.startsWith("http://")) {
            throw new IllegalArgumentException("cds.hooks.clients.\"" + client + "\".jwks must be a file or an https URL");
        }
        Path file = Path.of(jwks);
        return new FileJwks(client, file);
    }

    /** Keys from a JWKS file; an unknown kid re-reads the file once, so a key rotation needs no restart. */
    private static final class FileJwks implements VerificationKeyResolver {
        private final String client;
        private final Path file;
        private volatile JwksVerificationKeyResolver keys;

        FileJwks(String client, Path file) {
            this.client = client;
            this.file = file;
            this.keys = read();
        }

        private JwksVerificationKeyResolver read() {
            try {
                List<JsonWebKey> list = new JsonWebKeySet(Files.readString(file)).getJsonWebKeys();
                return new JwksVerificationKeyResolver(list);
            } catch (IOException | JoseException e) {
                throw new IllegalArgumentException("cds.hooks.clients.\"" + client + "\".jwks: cannot read a JWKS from "
                        + file.toAbsolutePath() + " (" + e.getClass().getSimpleName() + ")");
            }
        }

        @Override
        public java.security.Key resolveKey(JsonWebSignature jws, List<org.jose4j.jwx.JsonWebStructure> nesting)
                throws org.jose4j.lang.UnresolvableKeyException {
            try {
                return keys.resolveKey(jws, nesting);
            } catch (org.jose4j.lang.UnresolvableKeyException e) {
                try {
                    keys = read();
                } catch (IllegalArgumentException unreadable) {
                    throw e; // the file is mid-rotation or gone: keep the keys we had
                }
                return keys.resolveKey(jws, nesting);
            }
        }
    }

    /** The token of an Authorization: Bearer header, if that is what it is. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }
}
