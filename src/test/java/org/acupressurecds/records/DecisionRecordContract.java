package org.acupressurecds.records;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.acupressurecds.cdshooks.Ehr;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
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

    private String newestDecisionWithDigest(String digest) throws Exception {
        return (String) row("SELECT id FROM decision WHERE request_digest = ? ORDER BY decided_at DESC", digest).get("id");
    }

    @Test
    void anAssessmentIsRecordedWithPseudonymisedFactsBeforeItsAnswer() throws Exception {
        given().contentType("application/json").body(REQUEST).when().post("/api/v1/assessments").then().statusCode(200);

        String digest = RequestDigest.of(new ObjectMapper().readTree(REQUEST));
        Map<String, Object> decision = row("SELECT * FROM decision WHERE id = ?", newestDecisionWithDigest(digest));
        assertEquals("API", decision.get("channel"));
        assertEquals("CAUTION", decision.get("verdict"));
        assertNull(decision.get("caller_subject"), "open mode: no one signed in");
        String facts = (String) decision.get("facts");
        assertTrue(facts.contains("\"spinalSurgeryDaysBefore\":176"), facts);
        assertTrue(facts.contains("\"painScore\":9"), facts);
        assertFalse(CALENDAR_DATE.matcher(facts).find(), "no calendar date of the patient: " + facts);
        assertTrue(((String) decision.get("rules_fired")).contains("A pain score of 8 to 10 is an acute severe flare"));
        assertTrue(((String) decision.get("missing_data")).contains("largeDiscHerniationWithImpingement"));
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

        Map<String, Object> row = row("SELECT c.indicator, c.override_reasons, d.channel, d.verdict FROM card c "
                + "JOIN decision d ON d.id = c.decision_id WHERE c.uuid = ?", card);
        assertEquals("critical", row.get("indicator"));
        assertEquals("CDS_HOOKS", row.get("channel"));
        assertEquals("EMERGENCY", row.get("verdict"));
        assertTrue(((String) row.get("override_reasons")).contains("already-managed"));

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"already-managed"}}}]}""".formatted(card))
                .when().post("/cds-services/acupressure-mat-sciatica/feedback").then().statusCode(200);

        Map<String, Object> feedback = row("SELECT outcome, override_reason FROM feedback WHERE card_uuid = ?", card);
        assertEquals("overridden", feedback.get("outcome"));
        assertEquals("already-managed", feedback.get("override_reason"));
    }

    @Test
    void theMigrationsRanOnThisStore() throws Exception {
        assertNotNull(row("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" = ?", "1").get("version"));
    }
}
