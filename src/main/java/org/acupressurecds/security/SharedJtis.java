package org.acupressurecds.security;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Where an EHR token's jti is remembered beyond this instance, so a token replayed to another replica is refused. */
@FunctionalInterface
public interface SharedJtis {

    /**
     * True the first time any instance sees the jti; false for a replay; failed where it cannot tell. Answered when
     * the store has answered, so no thread waits for it.
     */
    CompletionStage<Boolean> firstUse(String issuer, String jti, Instant expiresAt);
}
