package org.acupressurecds.security;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A FHIR server on https whose certificate no public authority signed, as behind a hospital's own CA: made with the
 * JDK's keytool, trusted only through a truststore of its own.
 */
final class TlsFhirServer {

    static final String PASSWORD = "test-only";

    final AtomicInteger hits = new AtomicInteger();
    private final Path dir;
    private final HttpsServer server;

    TlsFhirServer() {
        try {
            dir = Files.createTempDirectory("fhir-tls");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "fhir", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", dir.resolve("server.p12").toString(), "-storepass", PASSWORD);
            run(keytool, "-exportcert", "-rfc", "-alias", "fhir", "-keystore", dir.resolve("server.p12").toString(),
                    "-storepass", PASSWORD, "-file", dir.resolve("fhir.pem").toString());
            run(keytool, "-importcert", "-noprompt", "-alias", "fhir", "-file", dir.resolve("fhir.pem").toString(),
                    "-storetype", "PKCS12", "-keystore", truststore().toString(), "-storepass", PASSWORD);

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(factory.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/fhir", exchange -> {
                hits.incrementAndGet();
                byte[] body = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test's https FHIR server", e);
        }
    }

    String base() {
        return "https://localhost:" + server.getAddress().getPort() + "/fhir";
    }

    Path truststore() {
        return dir.resolve("trust.p12");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
    }
}
