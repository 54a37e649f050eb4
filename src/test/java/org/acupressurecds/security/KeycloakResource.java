package org.acupressurecds.security;

import org.acupressurecds.MissingPart;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak for the sign-in tests: the distribution Maven unpacked into target/keycloak, started in dev mode
 * on free ports with the test realm (src/test/resources/keycloak), on a Java 21+ JDK. Without such a JDK the tests
 * that need it are skipped, except in CI.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "cds";
    public static final String CLIENT = "acupressure-cds";
    public static final String SECRET = "test-only-secret";

    public static volatile String url;
    private Process keycloak;

    @Override
    public Map<String, String> start() {
        Optional<Path> java = javaHome();
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.0"));
        if (java.isEmpty() || !Files.isExecutable(home.resolve("bin/kc.sh"))) {
            if (MissingPart.inCi()) {
                throw new IllegalStateException("Keycloak cannot run: need " + home + "/bin/kc.sh and a Java 21+ JDK");
            }
            url = null;
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/" + REALM);
        }
        try {
            // The service's port is chosen here, so the realm can name it as the client's redirect; Keycloak's own
            // store is made anew, so the realm is imported with it every time.
            int service = freePort();
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.writeString(imports.resolve("cds-realm.json"), Files.readString(
                    Path.of("src/test/resources/keycloak/cds-realm.json")).replace("SERVICE_PORT", String.valueOf(service)));
            deleteRecursively(home.resolve("data/h2"));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm")
                    .redirectErrorStream(true).redirectOutput(home.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", java.get().toString());
            keycloak = builder.start();
            url = "http://localhost:" + port;
            awaitRealm(url + "/realms/" + REALM + "/.well-known/openid-configuration", Duration.ofSeconds(150));
            return Map.of("quarkus.oidc.auth-server-url", url + "/realms/" + REALM,
                    "quarkus.http.test-port", String.valueOf(service), "cds.public-url", "http://localhost:" + service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.descendants().forEach(ProcessHandle::destroy);
            keycloak.destroy();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    public static boolean available() {
        return url != null;
    }

    /** A person's access token from Keycloak, by the password grant. */
    public static String token(String user, String password) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/realms/" + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + CLIENT + "&client_secret="
                        + SECRET + "&username=" + user + "&password=" + password + "&scope=openid"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        int start = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(start, body.indexOf('"', start));
    }

    private static void awaitRealm(String discovery, Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plus(limit);
        while (Instant.now().isBefore(until)) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(discovery)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + limit);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** KEYCLOAK_JAVA_HOME, else a Java 21+ JDK under /usr/lib/jvm (this kind of machine ships Temurin 25). */
    private static Optional<Path> javaHome() {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null) {
            return Optional.of(Path.of(configured));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .filter(p -> p.getFileName().toString().matches(".*-(2[1-9]|[3-9]\\d)(\\D.*)?"))
                    .sorted(java.util.Comparator.reverseOrder()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
