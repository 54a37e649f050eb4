package org.acupressurecds.cdshooks;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CORS on /cds-services only, so browser-based CDS clients (such as the CDS Hooks sandbox) can call it while the
 * rest of the service keeps the browser's same-origin protection.
 */
@ApplicationScoped
public class CdsCors {

    void install(@Observes Router router,
            @ConfigProperty(name = "cds.hooks.cors.origins", defaultValue = "*") List<String> origins) {
        CorsHandler cors = origins.contains("*") ? CorsHandler.create() : CorsHandler.create().addOrigins(origins);
        cors.allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
                .allowedHeaders(Set.of("Authorization", "Content-Type"));
        router.route("/cds-services*").order(-10).handler(cors);
    }
}
