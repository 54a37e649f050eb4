package org.acupressurecds.assessment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.ValidatableResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.request.AssessmentRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AssessmentResourceTest {

    private static final String PATH = "/api/v1/assessments";

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post(PATH).then();
    }

    @Inject
    RuleService rules;
    @Inject
    StrictBinder binder;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    /**
     * The API carries the rules' answer whole: the JSON the serving rules give for the request, word for word. What
     * the words are is the rules' and their scenarios' (rules/scenarios), not this test's.
     */
    private void isTheRulesAnswer(ValidatableResponse response, String body) throws Exception {
        Assessment expected = rules.assess(AssessmentRequest.factsOf(binder, json.readTree(body), LocalDate.now(clock)));
        assertEquals(json.valueToTree(expected), json.readTree(response.extract().asString()));
    }

    private static ValidatableResponse postInvalid(String body) {
        return post(body).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://acupressure-cds.org/problems/invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400));
    }

    @Test
    void suitablePiriformisPatientGetsTheWholeExplainedPlan() throws Exception {
        String body = """
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT",
                 "sedentaryWork":true,"referredLegPain":false,"assessmentDate":"2026-11-24"}""";
        ValidatableResponse answer = post(body)
                .statusCode(200)
                .contentType("application/json")
                .body("verdict", equalTo("SUITABLE"))
                .body("expectedResponse.stars", equalTo(5))
                .body("expectedResponse.level", equalTo("EXCELLENT"))
                .body("positions.id", contains("LUMBAR_GLUTEAL_SUPINE", "SIDE_LYING_PIRIFORMIS", "SEATED_GLUTEAL"))
                .body("positions[1].side", equalTo("LEFT"))
                .body("positions[0].steps", hasSize(5))
                .body("positions[0].duration", equalTo("15-20 minutes"))
                .body("protocol.weeks", contains("Week 1", "Week 2", "Week 3", "Week 4", "Weeks 5-6", "Maintenance"))
                .body("complementaryCare", hasSize(5))
                .body("timeline", hasSize(3))
                .body("reasons.source", everyItem(not(emptyOrNullString())))
                .body("reasons.text", everyItem(not(emptyOrNullString())))
                .body("missingData.field", contains("spinalSurgery"))
                .body("assessmentDate", equalTo("2026-11-24"))
                .body("rulesetVersion", matchesPattern("[0-9a-f]{16}"));
        isTheRulesAnswer(answer, body);
    }

    /** The HTTP benchmark's baselines answer without deciding: only a benchmark build has them. */
    @Test
    void theBenchmarkBaselineIsNotInTheProduct() {
        given().contentType("application/json").body(AssessmentResource.EXAMPLE).when().post("/bench/assessments")
                .then().statusCode(404);
        given().contentType("application/json").body("{}").when()
                .post("/bench/cds-services/acupressure-mat-sciatica").then().statusCode(404);
    }

    @Test
    void caudaEquinaSignGetsTheEmergencyActionAndNoPlanAtAll() throws Exception {
        String body = """
                {"sciaticaType":"DISC_HERNIATION","redFlags":["SADDLE_ANESTHESIA"],"painScore":9}""";
        ValidatableResponse answer = post(body)
                .statusCode(200)
                .body("verdict", equalTo("EMERGENCY"))
                .body("$", not(hasKey("positions")))
                .body("$", not(hasKey("protocol")))
                .body("$", not(hasKey("mat")))
                .body("$", not(hasKey("complementaryCare")))
                .body("$", not(hasKey("timeline")));
        isTheRulesAnswer(answer, body);
    }

    @Test
    void missingPainScoreAndUnstatedImagingAreSaidOutLoud() {
        post("""
                {"sciaticaType":"DISC_HERNIATION","redFlags":[],"assessmentDate":"2026-11-24"}""")
                .statusCode(200)
                .body("verdict", equalTo("CAUTION"))
                .body("missingData.field", hasItems("painScore", "largeDiscHerniationWithImpingement",
                        "spinalSurgery", "laterality", "referredLegPain", "sedentaryWork"))
                .body("missingData.reason", everyItem(not(emptyOrNullString())));
    }

    @Test
    void assessmentDateDefaultsToTodaySoTheAnswerCanBeReproduced() {
        post("""
                {"sciaticaType":"LUMBAR_PARASPINAL_TENSION","redFlags":[]}""")
                .statusCode(200)
                .body("assessmentDate", equalTo(LocalDate.now().toString()));
    }

    @Test
    void malformedJsonIsRejectedWithWhereItBroke() {
        postInvalid("{\"sciaticaType\": \"PIRIFORMIS_SYNDROME\", ")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("is not valid JSON"));
    }

    @Test
    void emptyBodyIsRejected() {
        postInvalid("")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", startsWith("is required"));
    }

    @Test
    void bodyThatIsNotAnObjectIsRejected() {
        postInvalid("[]")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("must be a JSON object"));
    }

    @Test
    void missingRequiredFieldsAreAllNamedWithTheirAllowedValues() {
        postInvalid("{}")
                .body("errors.field", contains("sciaticaType", "redFlags"))
                .body("errors[0].allowedValues", contains("PIRIFORMIS_SYNDROME", "LUMBAR_PARASPINAL_TENSION",
                        "SACROILIAC_JOINT_DYSFUNCTION", "DISC_HERNIATION", "SPINAL_STENOSIS", "UNKNOWN"))
                .body("errors[1].message", containsString("[] when the patient was screened"))
                .body("detail", containsString("sciaticaType is required"));
    }

    @Test
    void unknownSciaticaTypeIsRejectedWithTheAllowedValues() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS","redFlags":[]}""")
                .body("errors[0].field", equalTo("sciaticaType"))
                .body("errors[0].message", equalTo("must be one of the allowed values, not 'PIRIFORMIS'"))
                .body("errors[0].allowedValues", hasItems("PIRIFORMIS_SYNDROME", "UNKNOWN"));
    }

    @Test
    void sciaticaTypeInLowerCaseIsNotGuessed() {
        postInvalid("""
                {"sciaticaType":"piriformis_syndrome","redFlags":[]}""")
                .body("errors[0].field", equalTo("sciaticaType"));
    }

    @Test
    void sciaticaTypeAsANumberIsNotReadAsAnOrdinal() {
        postInvalid("""
                {"sciaticaType":0,"redFlags":[]}""")
                .body("errors[0].field", equalTo("sciaticaType"))
                .body("errors[0].allowedValues", hasSize(6));
    }

    @Test
    void misspeltRedFlagIsRejectedNotIgnored() {
        postInvalid("""
                {"sciaticaType":"DISC_HERNIATION","redFlags":["FOOT_DROP","FOOTDROP"]}""")
                .body("errors[0].field", equalTo("redFlags[1]"))
                .body("errors[0].message", containsString("'FOOTDROP'"))
                .body("errors[0].allowedValues", contains("CAUDA_EQUINA_SYNDROME", "BLADDER_DYSFUNCTION", "BOWEL_DYSFUNCTION",
                        "SADDLE_ANESTHESIA", "LEG_WEAKNESS", "PROGRESSIVE_LEG_WEAKNESS", "PROGRESSIVE_NUMBNESS", "FOOT_DROP"));
    }

    @Test
    void nullRedFlagIsRejected() {
        postInvalid("""
                {"sciaticaType":"DISC_HERNIATION","redFlags":[null]}""")
                .body("errors[0].field", equalTo("redFlags[0]"));
    }

    @Test
    void redFlagsAsASingleStringIsRejected() {
        postInvalid("""
                {"sciaticaType":"DISC_HERNIATION","redFlags":"FOOT_DROP"}""")
                .body("errors[0].field", equalTo("redFlags"))
                .body("errors[0].message", equalTo("must be an array"));
    }

    @Test
    void painScoreOfElevenIsOutOfRange() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":11}""")
                .body("errors[0].field", equalTo("painScore"))
                .body("errors[0].message", equalTo("must be a whole number from 0 to 10"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"131", "-1", "70.5", "\"70\""})
    void anAgeThatIsNoWholeNumberOfYearsFrom0To130IsRefused(String age) {
        postInvalid("""
                {"sciaticaType":"SPINAL_STENOSIS","redFlags":[],"age":%s}""".formatted(age))
                .body("errors[0].field", equalTo("age"));
    }

    @Test
    void anAgeInWholeYearsIsTakenByTheStrictApi() {
        given().contentType("application/json").body("""
                {"sciaticaType":"SPINAL_STENOSIS","redFlags":[],"age":72,"medicalClearance":true}""")
                .when().post("/api/v1/assessments").then()
                .statusCode(200)
                .body("verdict", equalTo("CAUTION"));
    }

    @Test
    void negativePainScoreIsOutOfRange() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":-1}""")
                .body("errors[0].field", equalTo("painScore"));
    }

    @Test
    void fractionalPainScoreIsNotRounded() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":7.9}""")
                .body("errors[0].field", equalTo("painScore"))
                .body("errors[0].message", equalTo("must be a whole number"));
    }

    @Test
    void painScoreAsTextIsNotCoerced() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":"8"}""")
                .body("errors[0].field", equalTo("painScore"));
    }

    @Test
    void booleanAsTextIsNotCoerced() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"medicalClearance":"yes"}""")
                .body("errors[0].field", equalTo("medicalClearance"))
                .body("errors[0].message", equalTo("must be true or false"));
    }

    @Test
    void aTokenPastedIntoTheBodyIsNeverEchoedBack() {
        String token = "eyJhbGciOiJSUzM4NCJ9.eyJzdWIiOiJwYXQtNDIifQ.c2lnbmF0dXJlMTIzNDU2Nzg5";
        for (String body : new String[] {"{\"sciaticaType\": " + token + "}",
                "{\"sciaticaType\":\"" + token + "\",\"redFlags\":[]}", "{\"" + token + "\":1}"}) {
            postInvalid(body).body(not(containsString(token))).body(not(containsString(token.substring(8, 30))));
        }
    }

    @Test
    void impossibleDateIsRejected() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"spinalSurgeryDate":"2026-02-30"}""")
                .body("errors[0].field", equalTo("spinalSurgeryDate"))
                .body("errors[0].message", equalTo("must be a date as YYYY-MM-DD"));
    }

    @Test
    void surgeryAfterTheAssessmentDateIsRejected() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"spinalSurgeryDate":"2026-12-01",
                 "assessmentDate":"2026-11-24"}""")
                .body("errors[0].field", equalTo("spinalSurgeryDate"))
                .body("errors[0].message", equalTo("must not be after the assessment date 2026-11-24"));
    }

    @Test
    void surgeryDeniedButDatedIsRejected() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"spinalSurgery":false,
                 "spinalSurgeryDate":"2026-10-01","assessmentDate":"2026-11-24"}""")
                .body("errors[0].field", equalTo("spinalSurgery"))
                .body("errors[0].message", startsWith("must not be false when a spinalSurgeryDate is given"));
    }

    @Test
    void unknownLateralityIsRejected() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"laterality":"BOTH"}""")
                .body("errors[0].field", equalTo("laterality"))
                .body("errors[0].allowedValues", contains("LEFT", "RIGHT", "BILATERAL"));
    }

    @Test
    void unknownFieldIsRejectedWithTheKnownFields() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painscore":9}""")
                .body("errors[0].field", equalTo("painscore"))
                .body("errors[0].message", equalTo("is not a known field"))
                .body("errors[0].allowedValues", hasItem("painScore"));
    }

    @Test
    void duplicateFieldIsRejected() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":3,"painScore":9}""")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("Duplicate field 'painScore'"));
    }

    @Test
    void badTypesAndBadValuesAreReportedTogether() {
        postInvalid("""
                {"sciaticaType":"PIRIFORMIS","redFlags":["FOOT_DROP","NUMB"],"painScore":11,"laterality":"left",
                 "sedentary":true}""")
                .body("errors.field", containsInAnyOrder("sedentary", "sciaticaType", "redFlags[1]", "laterality",
                        "painScore"));
    }

    @Test
    void severalBadValuesAreReportedTogether() {
        postInvalid("""
                {"redFlags":[],"painScore":12,"spinalSurgeryDate":"2027-01-01","assessmentDate":"2026-11-24"}""")
                .body("errors.field", contains("sciaticaType", "painScore", "spinalSurgeryDate"));
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().when().get("/api/v1/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
