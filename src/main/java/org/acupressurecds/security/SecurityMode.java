package org.acupressurecds.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acupressurecds.config.CdsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Open or closed. Open mode ({@code cds.security.open=true}, and dev mode) authenticates no caller and lets every
 * caller do everything; it leaves the rule allowlist, the safety gate, the limits and the FHIR allowlist in place.
 * Closed (the default) needs at least one caller configured: the service will not start with nobody able to call it.
 */
@Singleton
public class SecurityMode {

    private static final Logger LOG = Logger.getLogger(SecurityMode.class);

    private final boolean open;
    private final boolean oidc;
    private final Optional<URI> publicUrl;
    private final boolean oidcPublicKey;
    private final boolean oidcIssuer;
    private final boolean oidcAudience;

    SecurityMode(CdsConfig config,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidc,
            @ConfigProperty(name = "quarkus.oidc.public-key") Optional<String> oidcPublicKey,
            @ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> oidcIssuer,
            @ConfigProperty(name = "quarkus.oidc.token.audience") Optional<List<String>> oidcAudience) {
        this.open = config.security().open();
        this.oidc = oidc;
        this.publicUrl = config.publicUrl();
        this.oidcPublicKey = oidcPublicKey.isPresent();
        this.oidcIssuer = oidcIssuer.isPresent();
        this.oidcAudience = oidcAudience.isPresent();
    }

    public boolean open() {
        return open;
    }

    public Optional<URI> publicUrl() {
        return publicUrl;
    }

    void check(@Observes StartupEvent start, EhrTokenVerifier ehrs) {
        if (open) {
            LOG.warnf("cds.security.open is true%s: no caller is authenticated and every caller may do everything, "
                    + "rule reloads included. Never expose this to a network.",
                    LaunchMode.current() == LaunchMode.DEVELOPMENT ? " (dev mode)" : "");
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!ehrs.hasClients() && !oidc) {
            missing.add("an EHR client (cds.hooks.clients.\"<name>\".issuer and .jwks) or OpenID Connect "
                    + "(quarkus.oidc.tenant-enabled=true with quarkus.oidc.auth-server-url or quarkus.oidc.public-key)");
        }
        if (ehrs.hasClients() && publicUrl.isEmpty()) {
            missing.add("cds.public-url, the service's address as EHRs call it: the audience of their tokens");
        }
        // With a public key there is no discovery document: nothing says whose tokens to take, unless these do.
        if (oidc && oidcPublicKey && !oidcIssuer) {
            missing.add("quarkus.oidc.token.issuer, the identity provider's iss, since quarkus.oidc.public-key is set");
        }
        if (oidc && oidcPublicKey && !oidcAudience) {
            missing.add("quarkus.oidc.token.audience, this service's aud in people's tokens, since "
                    + "quarkus.oidc.public-key is set");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The service will not start without a way to authenticate its callers. "
                    + "Set " + String.join("; and ", missing) + ". (cds.security.open=true turns authentication off; "
                    + "never on a network.)");
        }
    }
}
