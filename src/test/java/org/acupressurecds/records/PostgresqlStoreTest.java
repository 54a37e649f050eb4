package org.acupressurecds.records;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.acupressurecds.cdshooks.Ehr;
import org.junit.jupiter.api.Test;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;

/** The decision record on a real PostgreSQL, the production store. */
@QuarkusTest
@TestProfile(OnPostgresql.class)
class PostgresqlStoreTest extends DecisionRecordContract {

    @BeforeAll
    static void needsPostgresql() {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL is not installed: apt-get install -y postgresql");
    }

    /** No answer without its record, except an urgent card: safety first. The store coming back needs no restart. */
    @Test
    void whileTheStoreIsDownOnlyUrgentCardsAreGivenAndItsReturnNeedsNoRestart() {
        PostgresServer.running.pause();
        try {
            given().contentType("application/json").body(REQUEST).when().post("/api/v1/assessments").then()
                    .statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("could not be recorded"));
            given().contentType("application/json")
                    .body(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4").hookRequest())
                    .when().post(SERVICE).then().statusCode(200).body("cards[0].indicator", equalTo("critical"));
            given().contentType("application/json").body(Ehr.record().condition(ICD10CM, "M51.16").hookRequest())
                    .when().post(SERVICE).then().statusCode(503);
        } finally {
            PostgresServer.running.resume();
        }
        given().contentType("application/json").body(REQUEST).when().post("/api/v1/assessments").then().statusCode(200);
    }
}
