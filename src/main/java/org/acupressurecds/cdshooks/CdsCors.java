package org.acupressurecds.cdshooks;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import org.acupressurecds.security.CdsHooksConfig;

/**
 * CORS on /cds-services only, so browser-based CDS clients (such as the CDS Hooks sandbox) can call it while the
 * rest of the service keeps the browser's same-origin protection.
 */
@ApplicationScoped
public class CdsCors {

    /** An allowlist of origins, empty by default (dev mode: any, for the CDS Hooks sandbox). */
    void install(@Observes Router router, CdsHooksConfig config) {
        List<String> origins = config.cors().origins().orElse(List.of());
        if (origins.isEmpty()) {
            return;
        }
        CorsHandler cors = origins.contains("*") ? CorsHandler.create() : CorsHandler.create().addOrigins(origins);
        cors.allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Authorization", "Content-Type"));
        // Before the token check, so a browser's preflight is answered.
        router.routeWithRegex("/cds-services(/.*)?").order(-300).handler(cors);
    }
}
