package org.acupressurecds.decision;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.acupressurecds.ruleset.RulesFolder;
import org.acupressurecds.cdshooks.Ehr;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.acupressurecds.store.RecordStore;
import org.acupressurecds.knowledge.OverrideReason;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.Test;

/**
 * What every store must keep, run on the embedded store and on PostgreSQL: every decision with its record, committed
 * before the answer leaves; pseudonymised facts; cards and their feedback.
 */
abstract class DecisionRecordContract {

    private static final Pattern CALENDAR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final String SERVICE = "/cds-services/acupressure-mat-sciatica";
    static final String REQUEST = """
            {"sciaticaType":"DISC_HERNIATION","redFlags":[],"painScore":9,"spinalSurgeryDate":"2026-06-01",
             "medicalClearance":true,"laterality":"LEFT","assessmentDate":"2026-11-24"}""";

    @Inject
    RecordStore store;

    private Map<String, Object> row(String sql, String key) throws Exception {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                assertTrue(r.next(), "no row for " + key);
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i).toLowerCase(), r.getObject(i));
                }
                return row;
            }
        }
    }

    /** The first column of every row, in the order the query gives. */
    private List<String> column(String sql, String key) throws Exception {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            List<String> values = new java.util.ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }

    long count(String sql, String key) throws Exception {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private String newestDecisionWithDigest(String digest) throws Exception {
        return (String) row("SELECT id FROM decision WHERE request_digest = ? ORDER BY decided_at DESC", digest).get("id");
    }

    @Test
    void anAssessmentIsRecordedWithPseudonymisedFactsBeforeItsAnswer() throws Exception {
        List<String> answered = given().contentType("application/json").body(REQUEST).when()
                .post("/api/v1/assessments").then().statusCode(200).extract().path("reasons.rule");

        String digest = RequestDigest.of(new ObjectMapper().readTree(REQUEST));
        String id = newestDecisionWithDigest(digest);
        Map<String, Object> decision = row("SELECT * FROM decision WHERE id = ?", id);
        assertEquals("API", decision.get("channel"));
        assertEquals("CAUTION", decision.get("verdict"));
        assertNull(decision.get("caller_subject"), "open mode: no one signed in");
        String facts = (String) decision.get("facts");
        assertTrue(facts.contains("\"spinalSurgeryDaysBefore\":176"), facts);
        assertTrue(facts.contains("\"painScore\":9"), facts);
        assertFalse(CALENDAR_DATE.matcher(facts).find(), "no calendar date of the patient: " + facts);
        assertFalse(answered.isEmpty());
        List<String> fired = column("SELECT k.rule_name FROM decision d JOIN fired_list_rule f "
                + "ON f.fired_list_id = d.fired_list_id JOIN ruleset_rule k ON k.id = f.rule_id WHERE d.id = ? "
                + "ORDER BY f.ordinal", id);
        assertEquals(answered.stream().distinct().toList(), fired,
                "the record names every rule the answer gives as a reason, in its order");
        assertTrue(((String) decision.get("missing_data")).contains("largeDiscHerniationWithImpingement"));
    }

    @Test
    void whereTheRecordsGoIsAMetricWithNoIdentifierInIt() {
        given().contentType("application/json").body(REQUEST).when().post("/api/v1/assessments").then().statusCode(200);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("cds_records_kept_total{where=\"store\"}"), metrics);
        assertTrue(metrics.contains("cds_records_degraded 0.0"), metrics);
        assertTrue(metrics.contains("cds_records_commit_seconds_count"), metrics);
        assertTrue(metrics.contains("cds_records_batch_size_count"), metrics);
        assertFalse(CALENDAR_DATE.matcher(metrics).find(), "no date in any label");
    }

    @Test
    void thePagesChecksAreRecordedAsThePagesOwn() throws Exception {
        String request = REQUEST.replace("LEFT", "RIGHT");
        given().contentType("application/json").header("X-CDS-Client", "page").body(request)
                .when().post("/api/v1/assessments").then().statusCode(200);

        String id = newestDecisionWithDigest(RequestDigest.of(new ObjectMapper().readTree(request)));
        assertEquals("PAGE", row("SELECT channel FROM decision WHERE id = ?", id).get("channel"));
    }

    @Test
    void aCardIsRecordedWithItsDecisionAndItsFeedbackIsKept() throws Exception {
        String card = given().contentType("application/json")
                .body(Ehr.record().condition(ICD10CM, "M54.16").condition(ICD10CM, "G83.4").hookRequest())
                .when().post(SERVICE).then().statusCode(200)
                .extract().path("cards[0].uuid");

        Map<String, Object> row = row("SELECT c.indicator, d.channel, d.verdict FROM card c "
                + "JOIN decision d ON d.id = c.decision_id WHERE c.uuid = ?", card);
        assertEquals("CRITICAL", row.get("indicator"));
        assertEquals("CDS_HOOKS", row.get("channel"));
        assertEquals("EMERGENCY", row.get("verdict"));
        assertEquals(OverrideReason.fitting(Verdict.EMERGENCY).stream().map(OverrideReason::code).toList(), column(
                "SELECT reason_code FROM card_override_reason WHERE card_uuid = ? ORDER BY ordinal", card));

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"already-managed"}}}]}""".formatted(card))
                .when().post("/cds-services/acupressure-mat-sciatica/feedback").then().statusCode(200);

        Map<String, Object> feedback = row("SELECT outcome, override_reason FROM feedback WHERE card_uuid = ?", card);
        assertEquals("OVERRIDDEN", feedback.get("outcome"));
        assertEquals("already-managed", feedback.get("override_reason"));
    }

    @Test
    void aValidateIsRecordedWithWhoAskedWhatItChangedAndItsDiff() throws Exception {
        String positions = java.nio.file.Files.readString(java.nio.file.Path.of("rules/positions.drl"));
        String draft = positions.replace("\"10-20 minutes during work\", 10, 20,", "\"10-25 minutes during work\", 10, 25,");
        given().contentType("application/json").body(java.util.Map.of("files", java.util.Map.of("positions.drl", draft)))
                .when().post("/api/v1/ruleset/validate").then().statusCode(200);

        Map<String, Object> event = row("SELECT * FROM ruleset_event WHERE kind = ? ORDER BY id DESC", "VALIDATE");
        assertEquals("VALID", event.get("outcome"));
        assertEquals("positions.drl", event.get("changed_files"));
        assertTrue(((String) event.get("actor")).contains("anonymous"), "open mode: " + event.get("actor"));
        String diff = (String) event.get("diff");
        assertTrue(diff.contains("--- a/positions.drl\n+++ b/positions.drl\n@@ -"), diff);
        assertTrue(diff.contains("\n-        \"10-20 minutes during work\", 10, 20,\n+        \"10-25 minutes during work\", 10, 25,\n"), diff);
        assertNotNull(row("SELECT id FROM ruleset_event WHERE kind = ?", "LOAD").get("id"), "the startup load is kept");

        int id = given().queryParam("kind", "VALIDATE").when().get("/api/v1/ruleset/events").then().statusCode(200)
                .body("events[0].outcome", org.hamcrest.Matchers.equalTo("VALID"))
                .body("events[0].changedFiles", org.hamcrest.Matchers.contains("positions.drl"))
                .extract().path("events[0].id");
        given().when().get("/api/v1/ruleset/events/" + id).then().statusCode(200)
                .body("event.id", org.hamcrest.Matchers.equalTo(id))
                .body("diff", org.hamcrest.Matchers.containsString("+        \"10-25 minutes during work\", 10, 25,"));
        assertNotNull(row("SELECT reader FROM record_read WHERE query = ?", "GET /api/v1/ruleset/events/" + id)
                .get("reader"), "the read is recorded");
    }

    @Test
    void anAuditorSearchesTheRecordReadsADecisionWholeAndEveryReadIsRecorded() throws Exception {
        String request = REQUEST.replace("\"painScore\":9", "\"painScore\":8");
        String deciding = given().contentType("application/json").body(request).when().post("/api/v1/assessments")
                .then().statusCode(200).extract().path("reasons[0].rule");
        String id = newestDecisionWithDigest(RequestDigest.of(new ObjectMapper().readTree(request)));

        given().queryParam("verdict", "CAUTION").queryParam("channel", "API")
                .queryParam("rule", deciding).queryParam("size", 200)
                .when().get("/api/v1/decisions").then().statusCode(200)
                .body("decisions.id", org.hamcrest.Matchers.hasItem(id))
                .body("decisions.verdict", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("CAUTION")))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().queryParam("rule", "A rule no decision fired").when().get("/api/v1/decisions").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0));
        given().when().get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("decision.channel", org.hamcrest.Matchers.equalTo("API"))
                .body("facts.painScore", org.hamcrest.Matchers.equalTo(8))
                .body("facts.spinalSurgeryDaysBefore", org.hamcrest.Matchers.equalTo(176))
                .body("missingData", org.hamcrest.Matchers.hasItem("largeDiscHerniationWithImpingement"));

        Map<String, Object> read = row("SELECT reader, query FROM record_read WHERE query = ? ORDER BY id DESC",
                "GET /api/v1/decisions/" + id);
        assertTrue(((String) read.get("reader")).contains("anonymous"), "open mode: " + read.get("reader"));
    }

    @Test
    void aSearchWithBadParametersNamesEachOneAndAnUnknownDecisionIs404() {
        given().queryParam("verdict", "FINE").queryParam("size", 0).queryParam("patient", "42")
                .when().get("/api/v1/decisions").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("patient", "verdict", "size"));
        given().when().get("/api/v1/decisions/no-such-decision").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("from", "yesterday").queryParam("patient", "42")
                .when().get("/api/v1/ruleset/statistics").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("patient", "from"));
        given().queryParam("from", "2026-11-24T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .when().get("/api/v1/ruleset/statistics").then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("must be before to"));
        given().queryParam("outcome", "SERVD").queryParam("kind", "EDIT")
                .when().get("/api/v1/ruleset/events").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("outcome", "kind"))
                .body("errors.find { it.field == 'outcome' }.allowedValues",
                        org.hamcrest.Matchers.hasItems("SERVED", "REJECTED", "INVALID"));
        given().when().get("/api/v1/ruleset/events/seven").then().statusCode(400);
        given().when().get("/api/v1/ruleset/events/999999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aValidateWithImpactReplaysTheRecordedDecisionsAgainstTheDraft() throws Exception {
        given().contentType("application/json")
                .body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[],\"painScore\":7,\"spinalSurgery\":false}")
                .when().post("/api/v1/assessments").then().statusCode(200);
        Map<String, Map<String, String>> draft = Map.of("files", Map.of(RulesFolder.DRAFT_FILE, RulesFolder.DRAFT));

        given().contentType("application/json").body(draft)
                .queryParam("impact", "P30D").when().post("/api/v1/ruleset/validate").then().statusCode(200)
                .body("impact.decisions", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("impact.transitions.find { it.to == 'EMERGENCY' }.count",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("impact.newlyFiring.'" + RulesFolder.DRAFT_RULE + "'", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().contentType("application/json").body(draft)
                .queryParam("impact", "30 days").when().post("/api/v1/ruleset/validate").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("impact"));
    }

    /** The record of a real-shaped EHR call: no patient id, name or calendar date of the patient in any field. */
    @Test
    void noPatientIdentifierNameOrCalendarDateIsInTheRecordOfAnEhrCall() throws Exception {
        java.time.LocalDate surgery = java.time.LocalDate.now().minusMonths(2);
        String card = given().contentType("application/json").body(Ehr.record().condition(ICD10CM, "M54.42")
                        .noted(java.time.LocalDate.of(2019, 3, 7), java.time.LocalDate.of(2019, 3, 9))
                        .procedure("http://www.ama-assn.org/go/cpt", "63047", surgery).painScore(6, 3).hookRequest())
                .when().post(SERVICE).then().statusCode(200).extract().path("cards[0].uuid");

        Map<String, Object> decision = row("SELECT d.* FROM decision d JOIN card c ON c.decision_id = d.id "
                + "WHERE c.uuid = ?", card);
        decision.remove("decided_at"); // the decision's own time and day, not the patient's
        decision.remove("assessment_date");
        String all = decision.values().toString();
        for (String identifying : List.of(Ehr.PATIENT_ID, "Doe", "Jane", "2019-03", surgery.toString())) {
            assertFalse(all.contains(identifying), identifying + " is in the record: " + all);
        }
        assertFalse(CALENDAR_DATE.matcher(all).find(), "a calendar date is in the record: " + all);
        assertTrue(((String) decision.get("facts")).contains("\"spinalSurgeryDaysBefore\""), all);
    }

    @Test
    void theMigrationsRanOnThisStore() throws Exception {
        assertNotNull(row("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" = ?", "1").get("version"));
    }
}
