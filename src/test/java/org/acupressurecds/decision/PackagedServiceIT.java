package org.acupressurecds.decision;

import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.acupressurecds.MissingPart;
import org.acupressurecds.cdshooks.Ehr;
import org.acupressurecds.operations.PackagedService;
import org.acupressurecds.store.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record as operators run the service: the packaged jar, real processes. A card issued by one instance gets
 * feedback through another and across a restart; the embedded store keeps every answered decision and feedback
 * through kill -9.
 */
class PackagedServiceIT {

    private static final String SERVICE = "/cds-services/acupressure-mat-sciatica";

    @Test
    void twoInstancesOnOnePostgresqlShareCardsAndFeedbackAcrossARestartAndTheCheckReplaysTheirDecisions(
            @TempDir Path temp) throws Exception {
        MissingPart.require(PostgresServer.available(), "PostgreSQL is not installed: apt-get install -y postgresql");
        PostgresServer postgresql = new PostgresServer();
        Map<String, String> store = postgresql.start();
        try {
            String first;
            String second;
            try (PackagedService a = PackagedService.start(temp.resolve("a"), store);
                    PackagedService b = PackagedService.start(temp.resolve("b"), store)) {
                first = card(a);
                feedback(b, first);
                second = card(a);
            }
            try (PackagedService a = PackagedService.start(temp.resolve("a"), store)) {
                feedback(a, second);
                String id = a.http().queryParam("channel", "CDS_HOOKS").get("/api/v1/decisions").then()
                        .statusCode(200).body("total", equalTo(2)).extract().path("decisions[0].id");
                a.http().get("/api/v1/decisions/" + id).then().statusCode(200)
                        .body("decision.card", equalTo(second))
                        .body("feedback[0].outcome", equalTo("overridden"));
            }
            PackagedService.Ran check = PackagedService.command(temp, Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", store.get("quarkus.datasource.jdbc.url"),
                    "QUARKUS_DATASOURCE_USERNAME", store.get("quarkus.datasource.username"),
                    "QUARKUS_DATASOURCE_PASSWORD", store.get("quarkus.datasource.password")),
                    "check", Path.of("rules").toAbsolutePath().toString(), "--impact", "P1D");
            assertEquals(0, check.exit(), check.output());
            assertTrue(check.output().contains("Impact over P1D: 2 recorded decision(s) replayed in "), check.output());
        } finally {
            postgresql.stop();
        }
    }

    /** Killed right after its last answer, well within the embedded store's own delay before it writes. */
    @Test
    void withNoDatabaseConfiguredEveryAnsweredDecisionAndFeedbackSurvivesKillMinus9InTheEmbeddedStore(
            @TempDir Path temp) throws Exception {
        Path folder = temp.resolve("service");
        PackagedService service = PackagedService.start(folder, Map.of());
        for (int pain = 1; pain <= 5; pain++) {
            service.http().contentType("application/json").body("""
                    {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":%d,"laterality":"LEFT"}"""
                    .formatted(pain)).post("/api/v1/assessments").then().statusCode(200);
        }
        String card = card(service);
        feedback(service, card);
        service.kill();

        assertTrue(Files.exists(folder.resolve("data/records.mv.db")), "the default store is data/ in the folder");
        try (PackagedService restarted = PackagedService.start(folder, Map.of())) {
            restarted.http().queryParam("channel", "API").get("/api/v1/decisions").then()
                    .statusCode(200).body("total", equalTo(5));
            String id = restarted.http().queryParam("channel", "CDS_HOOKS").get("/api/v1/decisions").then()
                    .statusCode(200).body("total", equalTo(1)).extract().path("decisions[0].id");
            restarted.http().get("/api/v1/decisions/" + id).then().statusCode(200)
                    .body("decision.card", equalTo(card))
                    .body("feedback[0].outcome", equalTo("overridden"));
        }
    }

    /** An emergency card, whose feedback can be an override with a reason the card offered. */
    private static String card(PackagedService service) {
        return service.http().contentType("application/json")
                .body(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4").hookRequest())
                .post(SERVICE).then().statusCode(200).body("cards[0].indicator", equalTo("critical"))
                .extract().path("cards[0].uuid");
    }

    private static void feedback(PackagedService service, String card) {
        service.http().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"already-managed"}}}]}""".formatted(card))
                .post(SERVICE + "/feedback").then().statusCode(200);
    }
}
