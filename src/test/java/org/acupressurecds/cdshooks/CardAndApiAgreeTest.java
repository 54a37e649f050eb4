package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.FINDING;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.acupressurecds.cdshooks.Ehr.SNOMED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One decision path, two renderings: the card says what the assessment API says for the same facts. */
@QuarkusTest
class CardAndApiAgreeTest {

    @Test
    void oneSidedDiscHerniationWithAnAcuteFlareAndLegPainGetsTheSameAnswerBothWays() {
        LocalDate today = LocalDate.now();
        JsonPath api = given().contentType("application/json").body("""
                {"sciaticaType":"DISC_HERNIATION","redFlags":[],"painScore":8,"laterality":"RIGHT",
                 "referredLegPain":true,"largeDiscHerniationWithImpingement":true,"assessmentDate":"%s"}""".formatted(today))
                .when().post("/api/v1/assessments").then().statusCode(200).extract().jsonPath();
        JsonPath card = CdsHooksResourceTest.call(Ehr.record().condition(ICD10CM, "M54.41").condition(ICD10CM, "M51.17")
                        .condition(SNOMED, "299966003").condition(FINDING, "REFERRED_LEG_PAIN")
                        .painScore(8, today.toString()).nullPrefetch("procedures"))
                .statusCode(200).extract().jsonPath();

        assertEquals("CAUTION", api.getString("verdict"));
        assertEquals("warning", card.getString("cards[0].indicator"));
        String detail = card.getString("cards[0].detail");
        assertTrue(detail.contains(escaped(api.getString("action"))), detail);
        for (String reason : api.<String>getList("reasons.text")) {
            assertTrue(detail.contains(escaped(reason)), () -> "card lacks: " + reason);
        }
        for (String position : api.<String>getList("positions.name")) {
            assertTrue(detail.contains("**" + escaped(position) + "**"), () -> "card lacks position " + position);
        }
        List<String> weeks = api.getList("protocol.weeks");
        weeks.forEach(week -> assertTrue(detail.contains("| " + week + " |"), week));
    }

    private static String escaped(String markdown) {
        return markdown.replace("*", "\\*").replace("_", "\\_");
    }
}
