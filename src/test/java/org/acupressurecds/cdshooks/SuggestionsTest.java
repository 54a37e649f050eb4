package org.acupressurecds.cdshooks;

import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A card offers what its verdict calls for as a suggestion the EHR can accept in one click: the home programme as a
 * CarePlan, a referral or a request for clearance as a ServiceRequest, nothing after an emergency. Every resource is
 * valid FHIR R4 (HAPI's validator, offline, zero errors), on hand-built records of each verdict and on real Synthea
 * records.
 */
@QuarkusTest
class SuggestionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    org.acupressurecds.http.StrictBinder binder;

    static Stream<Arguments> records() throws Exception {
        LocalDate today = LocalDate.now();
        Stream<Arguments> verdicts = Stream.of(
                Arguments.of("suitable", Ehr.record().condition(ICD10CM, "G57.02").painScore(4, 2), "CarePlan"),
                Arguments.of("caution", Ehr.record().condition(ICD10CM, "M51.16").painScore(4, 2), "CarePlan"),
                Arguments.of("urgent referral", Ehr.record().condition(ICD10CM, "M51.17").condition(ICD10CM, "M21.372"),
                        "ServiceRequest"),
                Arguments.of("clearance required", Ehr.record().condition(ICD10CM, "G57.01")
                        .procedure(Ehr.SNOMED, "178625001", today.minusMonths(2)), "ServiceRequest"),
                Arguments.of("emergency", Ehr.record().condition(ICD10CM, "G57.01").condition(ICD10CM, "N31.2"), null));
        Stream<Arguments> synthea;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fhir-samples/synthea-r4"))) {
            synthea = files.filter(p -> !p.getFileName().toString().matches("(hospital|practitioner)Information.*"))
                    .sorted().toList().stream().map(file -> {
                        try {
                            return Arguments.of(file.getFileName().toString(), Ehr.of(Ehr.FHIR.newJsonParser()
                                    .parseResource(Bundle.class, Files.readString(file))).condition(ICD10CM, "G57.01"),
                                    "CarePlan");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        return Stream.concat(verdicts, synthea);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void theCardSuggestsWhatItsVerdictCallsForAsValidFhir(String record, Ehr ehr, String resourceType) throws Exception {
        JsonNode card = JSON.readTree(CdsHooksResourceTest.call(ehr).statusCode(200).extract().asString())
                .path("cards").path(0);

        if (resourceType == null) {
            assertTrue(card.path("suggestions").isMissingNode(), "nothing that could be taken for treatment: " + card);
            assertTrue(card.path("selectionBehavior").isMissingNode(), card.toString());
            return;
        }
        assertEquals("at-most-one", card.path("selectionBehavior").asText(), card.toString());
        assertEquals(1, card.path("suggestions").size(), card.toString());
        JsonNode suggestion = card.path("suggestions").path(0);
        assertTrue(suggestion.path("uuid").asText().matches("[0-9a-f-]{36}"), suggestion.toString());
        assertFalse(suggestion.path("label").asText().isBlank());
        JsonNode action = suggestion.path("actions").path(0);
        assertEquals("create", action.path("type").asText());
        assertFalse(action.path("description").asText().isBlank());
        JsonNode resource = action.path("resource");
        assertEquals(resourceType, resource.path("resourceType").asText());
        assertEquals(List.of("draft", "proposal", "Patient/" + ehr.patientId()), List.of(resource.path("status").asText(),
                resource.path("intent").asText(), resource.path("subject").path("reference").asText()));
        assertTrue(resource.path("identifier").findValuesAsText("system")
                .contains("https://acupressure-cds.org/fhir/NamingSystem/decision"), resource.toString());
        if (resourceType.equals("CarePlan")) {
            assertTrue(resource.path("addresses").findValuesAsText("reference").stream()
                    .anyMatch(r -> r.matches("Condition/[A-Za-z0-9.-]+")), "it addresses the sciatica: " + resource);
        }
        assertEquals(List.of(), R4Validator.errors(resource.toString()), resource.toPrettyString());
    }

    static Stream<org.acupressurecds.ruleset.Scenario.Located> scenarioPatients() throws Exception {
        return ScenarioPatients.withPatients();
    }

    /**
     * Every scenario patient, moved to today and coded as an EHR would code them, through CDS Hooks: one card, and what
     * it suggests is valid FHIR R4.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioPatients")
    void everyScenarioPatientsCardSuggestsValidFhir(org.acupressurecds.ruleset.Scenario.Located scenario)
            throws Exception {
        Ehr ehr = Ehr.ofFacts(org.acupressurecds.request.AssessmentRequest.factsOf(binder,
                ScenarioPatients.today(scenario), LocalDate.now()));
        JsonNode cards = JSON.readTree(CdsHooksResourceTest.call(ehr).statusCode(200).extract().asString())
                .path("cards");

        assertEquals(1, cards.size(), cards.toString());
        assertSuggestionsAreValid(cards.path(0));
    }

    /** The README's hook call, as the README shows it: its card suggests the home programme, valid FHIR R4. */
    @org.junit.jupiter.api.Test
    void theReadmesHookExampleSuggestsAValidCarePlan() throws Exception {
        JsonNode card = JSON.readTree(io.restassured.RestAssured.given().contentType("application/json")
                .body(CdsHooksResource.EXAMPLE).when().post(CdsHooksResourceTest.SERVICE).then().statusCode(200)
                .extract().asString()).path("cards").path(0);

        assertEquals("CarePlan", card.path("suggestions").path(0).path("actions").path(0).path("resource")
                .path("resourceType").asText(), card.toString());
        assertSuggestionsAreValid(card);
    }

    private static void assertSuggestionsAreValid(JsonNode card) {
        for (JsonNode suggestion : card.path("suggestions")) {
            for (JsonNode action : suggestion.path("actions")) {
                JsonNode resource = action.path("resource");
                assertTrue(List.of("CarePlan", "ServiceRequest").contains(resource.path("resourceType").asText()),
                        resource.toString());
                assertEquals(List.of(), R4Validator.errors(resource.toString()), resource.toPrettyString());
            }
        }
    }

    /** The validator is no formality: a care plan without its required status is an error. */
    @org.junit.jupiter.api.Test
    void theValidatorFindsWhatBaseR4Requires() {
        assertFalse(R4Validator.errors("{\"resourceType\":\"CarePlan\",\"intent\":\"proposal\","
                + "\"subject\":{\"reference\":\"Patient/pat-42\"}}").isEmpty());
    }
}
