package org.acupressurecds.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The named policies the access rules in application.properties use (quarkus.http.auth.permission.*): a role, or
 * nobody. In open mode each permits every caller, as if it held every role; nothing else changes.
 */
public class AccessPolicies {

    public static final String CLINICIAN = "clinician";
    public static final String RULE_AUTHOR = "rule-author";
    /** Reads the decision record. */
    public static final String AUDITOR = "auditor";

    @Produces
    @Singleton
    HttpSecurityPolicy clinician(SecurityMode mode) {
        return new RolePolicy(CLINICIAN, List.of(CLINICIAN), mode);
    }

    @Produces
    @Singleton
    HttpSecurityPolicy ruleAuthor(SecurityMode mode) {
        return new RolePolicy(RULE_AUTHOR, List.of(RULE_AUTHOR), mode);
    }

    @Produces
    @Singleton
    HttpSecurityPolicy auditor(SecurityMode mode) {
        return new RolePolicy(AUDITOR, List.of(AUDITOR), mode);
    }

    /** The rule statistics: for rule authors, and for auditors, who read the whole record anyway. */
    @Produces
    @Singleton
    HttpSecurityPolicy ruleAuthorOrAuditor(SecurityMode mode) {
        return new RolePolicy("rule-author-or-auditor", List.of(RULE_AUTHOR, AUDITOR), mode);
    }

    /** The stylesheet both pages share. */
    @Produces
    @Singleton
    HttpSecurityPolicy clinicianOrRuleAuthor(SecurityMode mode) {
        return new RolePolicy("clinician-or-rule-author", List.of(CLINICIAN, RULE_AUTHOR), mode);
    }

    /** For every path with no rule of its own: fail closed. */
    @Produces
    @Singleton
    HttpSecurityPolicy nobody(SecurityMode mode) {
        return new RolePolicy("nobody", List.of(), mode);
    }

    /** Permits holders of any of the roles (none: nobody), or everyone in open mode. */
    record RolePolicy(String name, List<String> roles, SecurityMode mode) implements HttpSecurityPolicy {

        @Override
        public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
                AuthorizationRequestContext context) {
            if (mode.open()) {
                return CheckResult.permit();
            }
            if (roles.isEmpty()) {
                return CheckResult.deny();
            }
            return identity.map(id -> roles.stream().anyMatch(id::hasRole) ? CheckResult.PERMIT : CheckResult.DENY);
        }
    }
}
