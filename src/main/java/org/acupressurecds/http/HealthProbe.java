package org.acupressurecds.http;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;

/**
 * The container's HEALTHCHECK, with nothing but the JVM the image already has (no shell, no curl): is the service on
 * this machine ready? {@code java -jar quarkus-run.jar health}; exit 0 when ready, 1 when not.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static int run(PrintStream out, Function<String, String> settings) {
        String port = settings.apply("quarkus.http.port");
        URI ready = URI.create("http://127.0.0.1:" + (port == null ? "8080" : port) + "/q/health/ready");
        try {
            HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            out.println(ready + ": " + answer.statusCode());
            return answer.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            out.println(ready + ": " + e.getClass().getSimpleName());
            return 1;
        }
    }
}
