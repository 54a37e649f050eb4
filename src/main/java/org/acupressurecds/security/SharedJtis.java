package org.acupressurecds.security;

import java.time.Instant;

/** Where an EHR token's jti is remembered beyond this instance, so a token replayed to another replica is refused. */
@FunctionalInterface
public interface SharedJtis {

    /** True the first time any instance sees the jti; false for a replay. Throws where it cannot tell. */
    boolean firstUse(String issuer, String jti, Instant expiresAt);
}
