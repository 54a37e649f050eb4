package org.acupressurecds.operations;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acupressurecds.cdshooks.Ehr;
import org.junit.jupiter.api.Test;

/** Prometheus sees what the service decides and how long it takes, and never whom it was about or who asked. */
@QuarkusTest
class MetricsTest {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern CALENDAR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Test
    void decisionsEvaluationsAndTheServingVersionAreCountedWithNoPatientInAnyLabel() {
        given().contentType("application/json").body("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT",
                 "assessmentDate":"2026-11-24"}""").when().post("/api/v1/assessments").then().statusCode(200);
        given().contentType("application/json")
                .body(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4").hookRequest())
                .when().post("/cds-services/acupressure-mat-sciatica").then().statusCode(200);
        String version = given().when().get("/api/v1/ruleset").then().extract().path("version");

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertTrue(metrics.contains("cds_decisions_total{channel=\"API\",verdict=\"SUITABLE\"}"), metrics);
        assertTrue(metrics.contains("cds_decisions_total{channel=\"CDS_HOOKS\",verdict=\"EMERGENCY\"}"), metrics);
        assertTrue(metrics.contains("cds_evaluation_seconds_bucket{le="), metrics);
        assertTrue(metrics.contains("cds_ruleset_reloads_seconds_count{outcome=\"SERVED\"}"), metrics);
        assertTrue(metrics.contains("cds_ruleset_info{version=\"" + version + "\"} 1.0"), metrics);
        assertEquals(1, metrics.lines().filter(l -> l.startsWith("cds_ruleset_info{")).count(), "one serving version");
        assertTrue(metrics.contains("http_server_requests_seconds_count{"), "the HTTP server's own, by route");

        List<String> values = new ArrayList<>();
        metrics.lines().filter(l -> !l.startsWith("#")).forEach(line -> {
            Matcher m = LABEL.matcher(line);
            while (m.find()) {
                values.add(m.group(2));
            }
        });
        assertTrue(values.size() > 50, values::toString);
        for (String value : values) {
            assertTrue(!value.contains(Ehr.PATIENT_ID) && !CALENDAR_DATE.matcher(value).find()
                    && !value.contains("?"), "a label value with patient data or a query string: " + value);
        }
    }
}
