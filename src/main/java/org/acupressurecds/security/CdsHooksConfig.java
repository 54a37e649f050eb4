package org.acupressurecds.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EHRs that may call the CDS Hooks service, and what each may send: {@code cds.hooks.*}. */
@ConfigMapping(prefix = "cds.hooks")
public interface CdsHooksConfig {

    /** One EHR, by a name of the operator's choosing: {@code cds.hooks.clients."<name>".*}. */
    Map<String, Client> clients();

    /** FHIR servers fetched from in open mode, where no client is verified; {@code *}: any. */
    Optional<List<String>> fhirServers();

    /** Signature algorithms accepted; CDS Hooks 2.0 requires ES384 and RS384. Only asymmetric ones are honoured. */
    @WithDefault("ES384,RS384")
    List<String> algorithms();

    /** Tolerance for exp and iat. */
    @WithDefault("60s")
    Duration clockSkew();

    /**
     * The longest a token may live, exp - iat, inclusive: CDS Hooks recommends five minutes, and a jti is remembered
     * as long as its token lives.
     */
    @WithDefault("5M")
    Duration maxTokenLifetime();

    /** The most tokens of one EHR client remembered at once (their jtis): beyond, that client's calls wait. */
    @WithDefault("100000")
    int maxTokensInFlight();

    Cors cors();

    interface Client {
        /** The iss of this EHR's tokens. */
        String issuer();

        /** Its public keys: a JWKS file path or an https URL. */
        String jwks();

        /** FHIR base URLs this EHR may send as fhirServer (exact scheme, host, port; path prefix). */
        Optional<List<String>> fhirServers();

        /** jku header values this EHR may use to point at its keys; any other jku is refused. */
        Optional<List<String>> jku();
    }

    interface Cors {
        /** Origins allowed to call /cds-services from a browser; {@code *}: any. Default: none. */
        Optional<List<String>> origins();
    }
}
