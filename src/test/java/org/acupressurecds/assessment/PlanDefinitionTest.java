package org.acupressurecds.assessment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.acupressurecds.cdshooks.R4Validator;
import org.junit.jupiter.api.Test;

/** The knowledge, published: the serving rule set as a valid FHIR R4 PlanDefinition, one action per rule. */
@QuarkusTest
class PlanDefinitionTest {

    @Test
    void theServingRulesArePublishedAsAValidPlanDefinition() throws Exception {
        Response response = given().when().get("/fhir/PlanDefinition/acupressure-mat-sciatica");
        Map<String, Object> catalogue = given().when().get("/api/v1/ruleset").then().statusCode(200).extract().path("");

        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/fhir+json"), response.contentType());
        JsonNode plan = new ObjectMapper().readTree(response.asString());
        assertEquals(List.of("PlanDefinition", "acupressure-mat-sciatica", catalogue.get("version")),
                List.of(plan.path("resourceType").asText(), plan.path("id").asText(), plan.path("version").asText()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) catalogue.get("rules");
        assertEquals(rules.size(), plan.path("action").size(), "one action per rule");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode action = plan.path("action").path(i);
            assertEquals(rules.get(i).get("name"), action.path("title").asText());
            assertEquals(rules.get(i).get("cites"), action.path("description").asText(), "beside the guide's words");
            assertEquals(rules.get(i).get("source"), action.path("documentation").path(0).path("citation").asText());
        }
        assertTrue(plan.path("relatedArtifact").findValuesAsText("citation")
                .contains("docs/guide/sciatica-acupressure-guide.txt"), "the guide behind it");
        assertEquals(List.of(), R4Validator.errors(response.asString()), plan.toPrettyString());
    }

    /** A FHIR client asks what the endpoint does before its first call: the PlanDefinition read and its $apply. */
    @Test
    void theFhirEndpointSaysWhatItDoes() throws Exception {
        Response response = given().when().get("/fhir/metadata");

        assertEquals(200, response.statusCode(), response.asString());
        JsonNode statement = new ObjectMapper().readTree(response.asString());
        JsonNode plans = statement.path("rest").path(0).path("resource").path(0);
        assertEquals(List.of("CapabilityStatement", "4.0.1", "PlanDefinition", "read", "apply"), List.of(
                statement.path("resourceType").asText(), statement.path("fhirVersion").asText(),
                plans.path("type").asText(), plans.path("interaction").path(0).path("code").asText(),
                plans.path("operation").path(0).path("name").asText()));
        assertEquals(List.of(), R4Validator.errors(response.asString()), statement.toPrettyString());
    }
}
