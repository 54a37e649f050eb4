package org.acupressurecds.decision;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.acupressurecds.MissingPart;
import org.acupressurecds.cdshooks.Ehr;
import org.acupressurecds.store.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the store down and no room in the spool: no answer without its record, except an urgent one, in every channel
 * alike (the API, the page and CDS Hooks).
 */
@QuarkusTest
@TestProfile(OnPostgresql.NoRoomInTheSpool.class)
class FullSpoolTest {

    @BeforeAll
    static void needsPostgresql() {
        MissingPart.require(PostgresServer.available(), "PostgreSQL is not installed: apt-get install -y postgresql");
    }

    @Test
    void onlyUrgentCardsAreGivenAndTheStoresReturnNeedsNoRestart() {
        PostgresServer.running.pause();
        try {
            given().contentType("application/json").body(DecisionRecordContract.REQUEST)
                    .when().post("/api/v1/assessments").then()
                    .statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("could not be recorded"));
            given().contentType("application/json")
                    .body(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4").hookRequest())
                    .when().post(DecisionRecordContract.SERVICE).then()
                    .statusCode(200).body("cards[0].indicator", equalTo("critical"));
            given().contentType("application/json").body(Ehr.record().condition(ICD10CM, "M51.16").hookRequest())
                    .when().post(DecisionRecordContract.SERVICE).then().statusCode(503);
            given().contentType("application/json").body("""
                    {"sciaticaType":"DISC_HERNIATION","redFlags":["CAUDA_EQUINA_SYNDROME"]}""")
                    .when().post("/api/v1/assessments").then()
                    .statusCode(200).body("verdict", equalTo("EMERGENCY"));
            given().contentType("application/json").header("X-CDS-Client", "page").body("""
                    {"sciaticaType":"DISC_HERNIATION","redFlags":["FOOT_DROP"]}""")
                    .when().post("/api/v1/assessments").then()
                    .statusCode(200).body("verdict", equalTo("URGENT_REFERRAL"));
            String apply = "/fhir/PlanDefinition/acupressure-mat-sciatica/$apply";
            given().urlEncodingEnabled(false).contentType("application/fhir+json")
                    .body(Ehr.record().condition(ICD10CM, "M51.16").applyParameters()).when().post(apply).then()
                    .statusCode(503);
            given().urlEncodingEnabled(false).contentType("application/fhir+json")
                    .body(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4").applyParameters())
                    .when().post(apply).then().statusCode(200).body("priority", equalTo("stat"));
            given().contentType("application/json").body("""
                    {"feedback":[{"card":"8c8a2a3c-0000-4000-8000-000000000000","outcome":"accepted",
                      "outcomeTimestamp":"2026-11-24T10:15:00Z"}]}""")
                    .when().post(DecisionRecordContract.SERVICE + "/feedback").then()
                    .statusCode(503).contentType("application/problem+json");
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'decision-record' }.data.state", equalTo("full"));
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("cds_records_spool_full 1.0"))
                    .body(containsString("cds_records_not_kept_total 7.0"));
        } finally {
            PostgresServer.running.resume();
        }
        given().contentType("application/json").body(DecisionRecordContract.REQUEST)
                .when().post("/api/v1/assessments").then().statusCode(200);
    }
}
