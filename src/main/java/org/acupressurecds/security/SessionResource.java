package org.acupressurecds.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the page's user is, and whether anyone signs in at all: the page shows a banner when nobody does. */
@Path("/api/v1/session")
@Tag(name = "Assessments")
public class SessionResource {

    public record Session(boolean open, String user, List<String> roles) {
    }

    private static final List<String> ALL_ROLES = List.of(AccessPolicies.AUDITOR, AccessPolicies.CLINICIAN,
            AccessPolicies.RULE_AUTHOR);

    private final SecurityMode mode;
    private final SecurityIdentity identity;

    SessionResource(SecurityMode mode, SecurityIdentity identity) {
        this.mode = mode;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who is signed in, with which roles (for the page)")
    public Session session() {
        if (identity.isAnonymous()) {
            // Open mode: every caller is treated as holding every role.
            return new Session(mode.open(), null, mode.open() ? ALL_ROLES : List.of());
        }
        return new Session(mode.open(), identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }
}
