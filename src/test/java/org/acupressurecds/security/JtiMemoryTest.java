package org.acupressurecds.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/**
 * An EHR token's jti is good once: remembered by this instance, bounded per EHR client (one client's flood of tokens
 * locks out that client only), and in the store that every replica shares, which is waited for without a thread.
 */
class JtiMemoryTest {

    private static final String AUDIENCE = "https://cds.hospital.test/cds-services";

    private record Client(String issuer, String jwks) implements CdsHooksConfig.Client {
        @Override
        public Optional<List<String>> fhirServers() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> jku() {
            return Optional.empty();
        }
    }

    /** Two clients with the same keys and their own issuers; at most two tokens of each remembered at once. */
    private static CdsHooksConfig config() {
        String jwks = Keys.ehrJwksFile().toString();
        return new CdsHooksConfig() {
            @Override
            public Map<String, Client> clients() {
                return Map.of("first", new JtiMemoryTest.Client(Keys.EHR_ISSUER, jwks),
                        "second", new JtiMemoryTest.Client(Keys.SECOND_EHR_ISSUER, jwks));
            }

            @Override
            public Optional<List<String>> fhirServers() {
                return Optional.empty();
            }

            @Override
            public List<String> algorithms() {
                return List.of(AlgorithmIdentifiers.RSA_USING_SHA384);
            }

            @Override
            public Duration clockSkew() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration maxTokenLifetime() {
                return Duration.ofMinutes(5);
            }

            @Override
            public int maxTokensInFlight() {
                return 2;
            }

            @Override
            public Cors cors() {
                return Optional::empty;
            }
        };
    }

    private static String token(String issuer) {
        return Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, AUDIENCE, c -> c.setIssuer(issuer),
                Map.of());
    }

    private static final SharedJtis EVERY_JTI_NEW = (issuer, jti, expires) -> CompletableFuture.completedFuture(true);

    private static EhrTokenVerifier.VerifiedEhr verified(EhrTokenVerifier verifier, String issuer)
            throws EhrTokenVerifier.Refused {
        return verifier.verify(token(issuer), AUDIENCE).toCompletableFuture().join();
    }

    @Test
    void aClientPastItsBoundIsRefusedAndAnotherIsNot() throws Exception {
        EhrTokenVerifier verifier = new EhrTokenVerifier(config(), EVERY_JTI_NEW);
        verified(verifier, Keys.EHR_ISSUER);
        verified(verifier, Keys.EHR_ISSUER);

        EhrTokenVerifier.Refused refused = assertThrows(EhrTokenVerifier.Refused.class,
                () -> verifier.verify(token(Keys.EHR_ISSUER), AUDIENCE));

        assertEquals("too many tokens in flight", refused.getMessage());
        assertEquals("second", verified(verifier, Keys.SECOND_EHR_ISSUER).client());
    }

    @Test
    void aJtiAnotherReplicaHasSeenIsRefused() throws Exception {
        EhrTokenVerifier verifier = new EhrTokenVerifier(config(),
                (issuer, jti, expires) -> CompletableFuture.completedFuture(false));

        CompletionException refused = assertThrows(CompletionException.class,
                () -> verified(verifier, Keys.EHR_ISSUER));

        assertEquals("jti replayed", assertInstanceOf(EhrTokenVerifier.Refused.class, refused.getCause())
                .getMessage());
    }

    /** Refusing every EHR call while the store is down would stop the emergency cards too. */
    @Test
    void whereTheStoreCannotTellThisInstancesMemoryDecides() throws Exception {
        EhrTokenVerifier verifier = new EhrTokenVerifier(config(),
                (issuer, jti, expires) -> CompletableFuture.failedFuture(new IllegalStateException("store down")));

        assertEquals("first", verified(verifier, Keys.EHR_ISSUER).client());
    }

    @Test
    void theCallerIsKnownOnlyOnceTheStoreHasAnswered() throws Exception {
        CompletableFuture<Boolean> store = new CompletableFuture<>();
        EhrTokenVerifier verifier = new EhrTokenVerifier(config(), (issuer, jti, expires) -> store);

        CompletableFuture<EhrTokenVerifier.VerifiedEhr> caller = verifier.verify(token(Keys.EHR_ISSUER), AUDIENCE)
                .toCompletableFuture();

        assertFalse(caller.isDone(), "returned while the store has not answered, without waiting for it");
        store.complete(true);
        assertEquals("first", caller.join().client());
    }

    /** Walking all of a client's jtis on every call would cost each call the whole memory once it is large. */
    @Test
    void theJtisOfExpiredTokensAreForgottenAtMostOnceASecond() {
        EhrTokenVerifier.SeenJtis seen = new EhrTokenVerifier.SeenJtis();
        seen.jtis().put("expired", 100L);
        seen.jtis().put("live", 1_000L);

        seen.forgetExpired(500, 440);
        assertEquals(Map.of("live", 1_000L), seen.jtis());

        seen.jtis().put("expired-since", 200L);
        seen.forgetExpired(500, 440);
        assertEquals(2, seen.jtis().size(), "no second walk within the second");

        seen.forgetExpired(501, 441);
        assertEquals(Map.of("live", 1_000L), seen.jtis());
    }
}
