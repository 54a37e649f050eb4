package org.acupressurecds.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The service as a hospital runs it for people: closed, signed in through a real Keycloak, the page by the code flow
 * and the API by bearer tokens (application type hybrid), roles from Keycloak's realm_access.roles.
 */
public class CodeFlow implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("cds.security.open", "false"),
                Map.entry("quarkus.oidc.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.application-type", "hybrid"),
                Map.entry("quarkus.oidc.client-id", KeycloakResource.CLIENT),
                Map.entry("quarkus.oidc.credentials.secret", KeycloakResource.SECRET),
                Map.entry("quarkus.oidc.roles.source", "accesstoken"),
                Map.entry("quarkus.oidc.roles.role-claim-path", "realm_access/roles"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakResource.class));
    }
}
