package org.acupressurecds.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.cdshooks.Ehr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service as the platform runs it: its logs, and a stop in the middle of a call. */
class PackagedOperationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void productionLogsAreJsonLinesWithADateTheRequestIdAndTheRuleSetVersion(@TempDir Path temp) throws Exception {
        String version;
        try (PackagedService service = PackagedService.start(temp, Map.of())) {
            version = service.http().get("/api/v1/ruleset").then().statusCode(200).extract().path("version");
            service.http().header("X-Request-Id", "trace-42").contentType("application/json")
                    .post("/api/v1/ruleset/reload").then().statusCode(200).header("X-Request-Id", "trace-42");
            // A draft is checked in a process of its own, started from the packaged jar; the log stays JSON.
            String draft = """
                    package rules;

                    import org.acupressurecds.knowledge.*;

                    rule "A pain score above 10 is not a pain score"
                        @source("When NOT to Use an Acupressure Mat for Sciatica > Acute severe sciatica flare (VAS 8-10/10)")
                    when
                        PatientFacts( painScore > 10 )
                    then
                        insertLogical( new MissingData( "painScore", "The pain score is not on the 0-10 scale." ) );
                    end
                    """;
            service.http().contentType("application/json").body(Map.of("files", Map.of("draft.drl", draft)))
                    .post("/api/v1/ruleset/validate").then().statusCode(200)
                    .body("valid", org.hamcrest.Matchers.equalTo(true));
        }
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(temp.resolve(
                java.nio.file.Files.list(temp).filter(f -> f.getFileName().toString().startsWith("service-"))
                        .findFirst().orElseThrow().getFileName()))) {
            lines.add(JSON.readTree(line)); // every line is JSON
        }
        assertTrue(lines.size() > 5, lines::toString);
        assertTrue(lines.stream().allMatch(l -> l.path("timestamp").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*")),
                lines::toString);
        JsonNode reload = lines.stream().filter(l -> l.path("message").asText().startsWith("Rule reload requested"))
                .findFirst().orElseThrow(() -> new AssertionError(lines.toString()));
        assertEquals("trace-42", reload.path("mdc").path("requestId").asText(), reload.toString());
        assertEquals(version, reload.path("mdc").path("rulesetVersion").asText(), reload.toString());
    }

    /** The EHR's FHIR server answers slowly: the call is in flight when the service is told to stop. */
    @Test
    void aStopDuringACallFinishesTheCallAndReadinessIsDownMeanwhile(@TempDir Path temp) throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        HttpServer fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fhir.createContext("/fhir", exchange -> {
            asked.countDown();
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.contains("/Patient/") ? "{\"resourceType\":\"Patient\",\"id\":\"" + Ehr.PATIENT_ID + "\"}"
                    : "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fhir.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        fhir.start();
        String base = "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir";
        try (PackagedService service = PackagedService.start(temp, Map.of("cds.hooks.fhir-servers", "*",
                "quarkus.shutdown.delay", "2S"))) {
            String call = Ehr.record().omit("patient", "conditions", "painScores", "procedures")
                    .hookRequest(base, "token-1");
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> service.http()
                    .contentType("application/json").body(call).post("/cds-services/acupressure-mat-sciatica"));
            assertTrue(asked.await(30, TimeUnit.SECONDS), "the call reached the FHIR server");

            service.terminate();
            Thread.sleep(500);
            assertEquals(503, service.http().get("/q/health/ready").statusCode(), "readiness goes DOWN first");

            Response answer = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.asString());
            Integer exit = service.exitWithin(Duration.ofSeconds(60));
            assertTrue(exit != null && (exit == 0 || exit == 143), "a clean stop on SIGTERM, not " + exit); // 128+15
            assertTrue(service.log().contains("stopped in"), service.log());
            assertTrue(!service.log().contains("Error Occurred After Shutdown"), service.log());
        } finally {
            fhir.stop(0);
        }
    }
}
