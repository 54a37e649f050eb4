package org.acupressurecds.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A person's token issued in the future, beyond the clock skew, is refused: OpenID Connect verifies iat only for its
 * age. (CdsHooksAuth holds EHR tokens to the same skew.)
 */
@ApplicationScoped
public class IssuedInTheFuture implements SecurityIdentityAugmentor {

    private final long skewSeconds;

    IssuedInTheFuture(CdsHooksConfig config) {
        this.skewSeconds = config.clockSkew().toSeconds();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getIssuedAtTime() > 0
                && token.getIssuedAtTime() > Instant.now().getEpochSecond() + skewSeconds) {
            CdsHooksAuth.rejected("person", "bad iat");
            return Uni.createFrom().failure(new AuthenticationFailedException("iat in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
