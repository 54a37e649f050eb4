package org.acupressurecds.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.acupressurecds.config.CdsConfig;

/**
 * A body that declares a length over the size limit gets a 413 problem before any of it is read; this runs before
 * Quarkus's own, bare check (route order -2). A body without a length is capped as it is read ({@link JsonBody}).
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, CdsConfig config) {
        long max = config.http().maxBodySize().asLongValue();
        String body = JsonBody.problem(max);
        router.route().order(-3).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && isOver(length, max)) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(body);
                return;
            }
            ctx.next();
        });
    }

    private static boolean isOver(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed length itself
        }
    }
}
