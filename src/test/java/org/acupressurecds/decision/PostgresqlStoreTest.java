package org.acupressurecds.decision;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.acupressurecds.MissingPart;
import org.acupressurecds.cdshooks.Ehr;
import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.TestProfile;
import org.acupressurecds.store.PostgresServer;
import org.junit.jupiter.api.BeforeAll;

/** The decision record on a real PostgreSQL, the production store. */
@QuarkusTest
@TestProfile(OnPostgresql.class)
class PostgresqlStoreTest extends DecisionRecordContract {

    @BeforeAll
    static void needsPostgresql() {
        MissingPart.require(PostgresServer.available(), "PostgreSQL is not installed: apt-get install -y postgresql");
    }

    /** Answers go on while the store is down; once it is back, it gets every record, once, with no restart. */
    @Test
    void whileTheStoreIsDownAnswersGoOnFromTheSpoolAndTheStoreGetsEveryRecordOnceItIsBack() throws Exception {
        String first = REQUEST.replace("\"painScore\":9", "\"painScore\":2");
        String second = REQUEST.replace("\"painScore\":9", "\"painScore\":1");
        PostgresServer.running.pause();
        try {
            given().contentType("application/json").body(first).when().post("/api/v1/assessments").then().statusCode(200);
            given().contentType("application/json").body(second).when().post("/api/v1/assessments").then().statusCode(200);
            given().contentType("application/json").body(Ehr.record().condition(ICD10CM, "M51.16").hookRequest())
                    .when().post(SERVICE).then().statusCode(200).body("cards[0].indicator", equalTo("warning"));
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'decision-record' }.data.state", equalTo("degraded"));
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("cds_records_degraded 1.0"))
                    .body(containsString("cds_records_spooled 3.0"));
        } finally {
            PostgresServer.running.resume();
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos(); // liveness, not speed
        while (!"kept".equals(given().get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'decision-record' }.data.state"))) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "the spool was not replayed");
            Thread.sleep(200);
        }
        for (String request : List.of(first, second)) {
            org.junit.jupiter.api.Assertions.assertEquals(1L, count("SELECT COUNT(*) FROM decision WHERE request_digest = ?",
                    RequestDigest.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(request))));
        }
        given().when().get("/q/metrics").then().body(containsString("cds_records_degraded 0.0"));
    }
}
