package org.acupressurecds.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every log line of a request carries its request id (the caller's X-Request-Id when it is a short id of safe
 * characters, else a new one, echoed in the answer) and the rule-set version serving when it arrived: enough to find
 * the line of one call and its decision, and nothing about the patient. An id that could be a token (a JWT, a long
 * random string) is replaced, so no credential reaches a log or an answer.
 */
@ApplicationScoped
public class RequestLogContext {

    public static final String HEADER = "X-Request-Id";
    /** First of all the service's own handlers, so even a refused call's lines carry the id. */
    static final int ORDER = -400;
    /** A UUID fits; a JWT (with its dots) or a long secret does not. */
    static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    void install(@Observes Router router, ServingVersion rules) {
        router.route().order(ORDER).handler(ctx -> {
            String given = ctx.request().getHeader(HEADER);
            String id = given != null && PLAIN.matcher(given).matches() && !given.startsWith("eyJ") ? given
                    : UUID.randomUUID().toString();
            MDC.put("requestId", id);
            String version = rules.servingVersion();
            if (version != null) {
                MDC.put("rulesetVersion", version);
            }
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        });
    }
}
