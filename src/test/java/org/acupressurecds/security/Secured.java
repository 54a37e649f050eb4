package org.acupressurecds.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service configured as production is: closed, one EHR client with a JWKS file and its FHIR servers, people
 * verified against the identity provider's public key. Local FHIR servers: the EHR's (which a test may make slow or
 * oversized), the EHR's second one on https under its own authority, and another one, which must never be contacted.
 */
public class Secured implements QuarkusTestProfile {

    static final String PUBLIC_URL = "https://cds.hospital.test";

    /** How the EHR's FHIR server answers: normally, a body trickled slowly, or far too much. */
    enum Behaviour { NORMAL, SLOW_BODY, OVERSIZED }

    static volatile Behaviour behaviour = Behaviour.NORMAL;
    static final AtomicInteger EHR_FHIR_HITS = new AtomicInteger();
    static final AtomicInteger OTHER_HITS = new AtomicInteger();
    static final HttpServer EHR_FHIR = server(EHR_FHIR_HITS, true);
    static final HttpServer OTHER = server(OTHER_HITS, false);

    /** The EHR's second FHIR server, on https with a certificate of the hospital's own authority. */
    static final TlsFhirServer HOSPITAL_TLS = new TlsFhirServer();

    static String ehrFhirBase() {
        return "http://127.0.0.1:" + EHR_FHIR.getAddress().getPort() + "/fhir";
    }

    static String otherBase() {
        return "http://127.0.0.1:" + OTHER.getAddress().getPort() + "/fhir";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("cds.security.open", "false"),
                Map.entry("cds.public-url", PUBLIC_URL),
                Map.entry("cds.hooks.clients.ehr.issuer", Keys.EHR_ISSUER),
                Map.entry("cds.hooks.clients.ehr.jwks", Keys.ehrJwksFile().toString()),
                Map.entry("cds.hooks.clients.ehr.fhir-servers", ehrFhirBase() + "," + HOSPITAL_TLS.base()),
                Map.entry("cds.fhir.truststore", HOSPITAL_TLS.truststore().toString()),
                Map.entry("cds.fhir.truststore-password", TlsFhirServer.PASSWORD),
                Map.entry("cds.hooks.clients.ehr.jku", Keys.ALLOWED_JKU),
                Map.entry("cds.hooks.fhir-servers", ""),
                Map.entry("cds.hooks.cors.origins", "https://ehr.example.test"),
                Map.entry("cds.fhir.timeout", "2s"),
                // A small worker pool, so a test can fill it with slow calls cheaply.
                Map.entry("quarkus.thread-pool.max-threads", "24"),
                Map.entry("cds.fhir.max-response-size", "1M"),
                Map.entry("quarkus.oidc.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.application-type", "service"),
                Map.entry("quarkus.oidc.public-key", Keys.oidcPublicKey()),
                Map.entry("quarkus.oidc.token.issuer", Keys.OIDC_ISSUER),
                Map.entry("quarkus.oidc.token.audience", Keys.OIDC_AUDIENCE),
                // A second EHR, with keys of its own issuer: feedback on one's card is not the other's to give.
                Map.entry("cds.hooks.clients.second.issuer", Keys.SECOND_EHR_ISSUER),
                Map.entry("cds.hooks.clients.second.jwks", Keys.ehrJwksFile().toString()));
    }

    private static HttpServer server(AtomicInteger hits, boolean ehr) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "test-fhir");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/fhir", exchange -> {
                hits.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
                Behaviour now = ehr ? behaviour : Behaviour.NORMAL;
                try (OutputStream out = exchange.getResponseBody()) {
                    switch (now) {
                        case NORMAL -> {
                            byte[] body = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}".getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            out.write(body);
                        }
                        case SLOW_BODY -> {
                            exchange.sendResponseHeaders(200, 0);
                            out.write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[".getBytes());
                            for (int i = 0; i < 40; i++) {
                                out.write(' ');
                                out.flush();
                                Thread.sleep(250);
                            }
                            out.write("]}".getBytes());
                        }
                        case OVERSIZED -> {
                            exchange.sendResponseHeaders(200, 0);
                            out.write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"id\":\"".getBytes());
                            byte[] chunk = "x".repeat(64 * 1024).getBytes();
                            for (int i = 0; i < 64; i++) {
                                out.write(chunk);
                            }
                            out.write("\"}".getBytes());
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // the service hung up on us, as it should
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
