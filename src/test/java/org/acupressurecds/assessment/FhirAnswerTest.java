package org.acupressurecds.assessment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.cdshooks.R4Validator;
import org.acupressurecds.engine.RulesSnapshot;
import org.acupressurecds.ruleset.Scenario;
import org.acupressurecds.ruleset.ScenarioFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API speaks FHIR too: with Accept: application/fhir+json, every scenario patient's answer is a Bundle holding a
 * GuidanceResponse with the same verdict as the JSON answer, and what it proposes; all valid FHIR R4 (HAPI's validator,
 * offline, zero errors). JSON stays the default.
 */
@QuarkusTest
class FhirAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Scenario.Located> scenarioPatients() throws Exception {
        return ScenarioFiles.read(RulesSnapshot.read(Path.of("rules"))).stream().filter(s -> s.scenario().patient() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioPatients")
    void theSameDecisionAsAValidFhirBundle(Scenario.Located scenario) throws Exception {
        String patient = scenario.scenario().patient().toString();
        Response plain = given().contentType("application/json").body(patient).when().post("/api/v1/assessments");
        Response fhir = given().contentType("application/json").accept("application/fhir+json").body(patient)
                .when().post("/api/v1/assessments");

        assertEquals(200, plain.statusCode(), plain.asString());
        assertEquals(200, fhir.statusCode(), fhir.asString());
        assertTrue(fhir.contentType().startsWith("application/fhir+json"), fhir.contentType());
        JsonNode bundle = JSON.readTree(fhir.asString());
        assertEquals("Bundle", bundle.path("resourceType").asText());
        JsonNode guidance = bundle.path("entry").path(0).path("resource");
        assertEquals("GuidanceResponse", guidance.path("resourceType").asText());
        assertEquals(plain.jsonPath().getString("verdict"),
                guidance.path("reasonCode").path(0).path("coding").path(0).path("code").asText());
        assertEquals(plain.jsonPath().getList("missingData.field").size(), guidance.path("dataRequirement").size());
        List<String> reasons = plain.jsonPath().getList("reasons.text");
        List<String> notes = guidance.path("note").findValuesAsText("text");
        reasons.forEach(text -> assertTrue(notes.stream().anyMatch(n -> n.startsWith(text)), text + " in " + notes));
        assertEquals(List.of(), R4Validator.errors(fhir.asString()), bundle.toPrettyString());
    }

    /** A bad request asked for as FHIR is the same 400 problem, naming the field, never a 5xx or a 406. */
    @org.junit.jupiter.api.Test
    void aBadRequestAskedForAsFhirIsTheSame400Problem() {
        given().contentType("application/json").accept("application/fhir+json")
                .body("{\"sciaticaType\":\"PIRIFORMIS\",\"redFlags\":[]}").when().post("/api/v1/assessments").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("sciaticaType"));
    }
}
