package org.acupressurecds.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

/** The jtis remembered are bounded per EHR client: one client's flood of tokens locks out that client only. */
class TokensInFlightTest {

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
                return Map.of("first", new TokensInFlightTest.Client(Keys.EHR_ISSUER, jwks),
                        "second", new TokensInFlightTest.Client(Keys.SECOND_EHR_ISSUER, jwks));
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

    @Test
    void aClientPastItsBoundIsRefusedAndAnotherIsNot() throws Exception {
        EhrTokenVerifier verifier = new EhrTokenVerifier(config(), (issuer, jti, expires) -> true);
        verifier.verify(token(Keys.EHR_ISSUER), AUDIENCE);
        verifier.verify(token(Keys.EHR_ISSUER), AUDIENCE);

        EhrTokenVerifier.Refused refused = assertThrows(EhrTokenVerifier.Refused.class,
                () -> verifier.verify(token(Keys.EHR_ISSUER), AUDIENCE));

        assertEquals("too many tokens in flight", refused.getMessage());
        assertEquals("second", verifier.verify(token(Keys.SECOND_EHR_ISSUER), AUDIENCE).client());
    }
}
