package org.acupressurecds.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.acupressurecds.config.CdsConfig;

/**
 * A request's body is read whole here, on the event loop, before the request reaches a resource and takes a worker
 * thread: a caller that sends its body slowly holds a connection, never a thread. After a grace period the body must
 * keep coming at a minimum rate, or the call gets a 408 and its connection is closed; an address may have only a
 * few bodies arriving that slowly at once (429 beyond). A state-changing call must say its body is JSON (415 if
 * not): no HTML form can send one across sites. Resources take the body from here ({@link JsonBody}).
 */
@ApplicationScoped
public class BodyGate {

    /** Where the body read is kept for the resource, as a Buffer. */
    static final String BODY = "org.acupressurecds.body";
    /** After the declared-length check (BodyLimit, -3) and before the resources. */
    static final int ORDER = -2;
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final long CHECK_EVERY_MS = 250;

    private final Map<String, AtomicInteger> slowBodies = new ConcurrentHashMap<>();

    void install(@Observes Router router, Vertx vertx, CdsConfig config) {
        CdsConfig.Http http = config.http();
        Limits limits = new Limits(http.maxBodySize().asLongValue(), http.minBodyRate().asLongValue(),
                http.bodyGrace().toNanos(), http.maxSlowBodies());
        router.route().order(ORDER).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (!STATE_CHANGING.contains(request.method()) || request.path().startsWith("/q/")) {
                ctx.next();
                return;
            }
            if (!isJson(request.getHeader("Content-Type"))) {
                refuse(ctx, 415, "unsupported-media-type", "Unsupported media type", "This service takes JSON "
                        + "only: send Content-Type: application/json, or application/fhir+json to FHIR endpoints (a "
                        + "charset and other parameters are fine).");
                return;
            }
            new Read(ctx, vertx, limits).start();
        });
    }

    /** The media type is JSON (application/json, or FHIR's application/fhir+json), whatever its parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("application/fhir+json");
    }

    private record Limits(long maxSize, long minRatePerSecond, long graceNanos, int maxSlow) {
    }

    /** One body as it arrives. Every callback runs on the connection's event loop. */
    private final class Read {
        private final RoutingContext ctx;
        private final Vertx vertx;
        private final Limits limits;
        private final Buffer body = Buffer.buffer();
        private final long started = System.nanoTime();
        private final String caller;
        private long timer = -1;
        private boolean slow;
        private boolean over;

        Read(RoutingContext ctx, Vertx vertx, Limits limits) {
            this.ctx = ctx;
            this.vertx = vertx;
            this.limits = limits;
            this.caller = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
        }

        void start() {
            HttpServerRequest request = ctx.request();
            if (request.isEnded()) {
                ctx.put(BODY, body);
                ctx.next();
                return;
            }
            timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> check());
            request.handler(chunk -> {
                if (over) {
                    return;
                }
                body.appendBuffer(chunk);
                if (body.length() > limits.maxSize()) {
                    fail(413, "body-too-large", "Body too large", "The request body is larger than this service "
                            + "accepts (" + limits.maxSize() / (1024 * 1024) + " MiB).");
                }
            });
            request.endHandler(v -> {
                if (!over) {
                    end();
                    ctx.put(BODY, body);
                    ctx.next();
                }
            });
            request.exceptionHandler(e -> end());
            ctx.response().closeHandler(v -> end());
            request.resume();
        }

        private void check() {
            if (over) {
                return;
            }
            long afterGrace = System.nanoTime() - started - limits.graceNanos();
            if (afterGrace <= 0) {
                return;
            }
            if (!slow) {
                slow = true;
                if (slowBodies.computeIfAbsent(caller, k -> new AtomicInteger()).incrementAndGet() > limits.maxSlow()) {
                    fail(429, "too-many-slow-bodies", "Too many slow requests", "This address has " + limits.maxSlow()
                            + " requests whose bodies are still arriving; send the body at once, or try again shortly.");
                    return;
                }
            }
            if (body.length() < limits.minRatePerSecond() * (afterGrace / 1_000_000_000.0)) {
                fail(408, "body-too-slow", "Request body too slow", "The request body did not arrive at "
                        + limits.minRatePerSecond() / 1024 + " KB/s or faster: send the body at once.");
            }
        }

        private void fail(int status, String type, String title, String detail) {
            end();
            refuse(ctx, status, type, title, detail);
        }

        /** Stops the clock and the count; idempotent. */
        private void end() {
            if (over) {
                return;
            }
            over = true;
            vertx.cancelTimer(timer);
            if (slow) {
                slowBodies.computeIfPresent(caller, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }
    }

    /** A problem answer, and the connection closed after it: whatever else the caller sends is not read. */
    private static void refuse(RoutingContext ctx, int status, String type, String title, String detail) {
        Counter.builder("cds.http.bodies.refused").tag("reason", type)
                .description("Calls refused for how their body came: slow, too many slow, not JSON, too large")
                .register(Metrics.globalRegistry).increment();
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close");
        if (status == 429) {
            ctx.response().putHeader("Retry-After", "1");
        }
        ctx.response().end(Json.encode(new Problem("https://acupressure-cds.org/problems/" + type, title, status,
                detail, null)), done -> ctx.request().connection().close());
    }

    /** The body read for this call: empty where it had none. */
    static Buffer of(RoutingContext ctx) {
        Buffer body = ctx.get(BODY);
        if (body == null) {
            throw new IllegalStateException("no body was read for " + ctx.request().method() + " "
                    + ctx.normalizedPath() + ": BodyGate reads every state-changing call's");
        }
        return body;
    }
}
