package org.acupressurecds.assessment;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.acupressurecds.cdshooks.Ehr;
import org.acupressurecds.cdshooks.R4Validator;
import org.acupressurecds.cdshooks.ScenarioPatients;
import org.acupressurecds.fhir.CodedRecord;
import org.acupressurecds.http.StrictBinder;
import org.acupressurecds.knowledge.PatientFacts;
import org.acupressurecds.knowledge.Verdict;
import org.acupressurecds.request.AssessmentRequest;
import org.acupressurecds.ruleset.Scenario;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published knowledge applied to a patient's FHIR record ($apply): read by the same reader as a CDS Hooks call,
 * decided by the same pipeline and kept in the same record; answered as a CarePlan or a RequestGroup holding the
 * decision, valid FHIR R4 (HAPI's validator, offline, zero errors); a type absent from the data is none on record,
 * said as what is not known, never a 412; a bad call is a 400 OperationOutcome naming the parameter.
 */
@QuarkusTest
class ApplyTest {

    static final String APPLY = "/fhir/PlanDefinition/acupressure-mat-sciatica/$apply";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StrictBinder binder;

    static Response apply(String parameters) {
        // As FHIR clients send it: "$" as it is, not percent-encoded.
        return given().urlEncodingEnabled(false).contentType("application/fhir+json").body(parameters).when()
                .post(APPLY);
    }

    /** The answer, checked as every answer is: a 200 of FHIR JSON, valid R4, and its decision contained, if any. */
    static JsonNode answered(String parameters) throws Exception {
        Response response = apply(parameters);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/fhir+json"), response.contentType());
        JsonNode answer = JSON.readTree(response.asString());
        assertEquals(List.of(), R4Validator.errors(response.asString()), answer.toPrettyString());
        return answer;
    }

    static JsonNode decision(JsonNode answer) {
        for (JsonNode contained : answer.path("contained")) {
            if (contained.path("resourceType").asText().equals("GuidanceResponse")) {
                return contained;
            }
        }
        throw new AssertionError("no decision contained: " + answer.toPrettyString());
    }

    static Verdict verdict(JsonNode answer) {
        return Verdict.valueOf(decision(answer).path("reasonCode").path(0).path("coding").path(0).path("code").asText());
    }

    static Stream<Scenario.Located> scenarioPatients() throws Exception {
        return ScenarioPatients.withPatients();
    }

    static Stream<Scenario.Located> scenarioRecords() throws Exception {
        return ScenarioPatients.scenarios().filter(s -> s.scenario().ehr() != null);
    }

    /**
     * Every scenario patient, its dates moved to today and coded as an EHR would code them: a valid answer whose verdict
     * is never less cautious than the API's for the same patient (an EHR's record is no clinician's red-flag screening).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioPatients")
    void everyScenarioPatientIsAnsweredAsValidFhirNeverLessCautiousThanTheApi(Scenario.Located scenario)
            throws Exception {
        JsonNode today = ScenarioPatients.today(scenario);
        PatientFacts facts = AssessmentRequest.factsOf(binder, today, LocalDate.now());
        JsonNode answer = answered(Ehr.ofFacts(facts).applyParameters());

        assertTrue(List.of("CarePlan", "RequestGroup").contains(answer.path("resourceType").asText()), answer.toString());
        Verdict api = Verdict.valueOf(given().contentType("application/json").body(today.toString()).when()
                .post("/api/v1/assessments").then().statusCode(200).extract().path("verdict"));
        assertFalse(api.isMoreSevereThan(verdict(answer)), scenario.scenario().name() + ": API " + api + ", $apply "
                + verdict(answer) + " for " + facts + " " + answer);
        assertEquals(verdict(answer).compareTo(Verdict.CLEARANCE_REQUIRED) < 0,
                answer.path("resourceType").asText().equals("CarePlan"), "a plan only where the verdict allows one");
    }

    /** Every EHR scenario, its dates moved to today: the verdict its scenario expects, through $apply. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioRecords")
    void everyScenarioRecordIsAnsweredAsItsScenarioExpects(Scenario.Located scenario) throws Exception {
        CodedRecord record = scenario.scenario().ehr();
        long shift = ChronoUnit.DAYS.between(record.assessmentDate(), LocalDate.now());
        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        record.lists().values().forEach(list -> list.forEach(r -> data.addEntry().setResource(moved(r, shift))));

        JsonNode answer = answered(call(CodedRecord.PATIENT, Ehr.tree(data)));

        if (scenario.scenario().expect().verdict() != null) {
            assertEquals(scenario.scenario().expect().verdict(), verdict(answer));
        }
    }

    /** A resource with every date in it moved by some days, as if its record were read that much later. */
    private static Resource moved(Resource resource, long days) {
        return (Resource) Ehr.FHIR.newJsonParser().parseResource(ScenarioPatients.movedDates(Ehr.FHIR.newJsonParser()
                .encodeResourceToString(resource), days));
    }

    static String call(String patientId, JsonNode data) {
        ObjectNode call = JSON.createObjectNode().put("resourceType", "Parameters");
        ArrayNode parameters = call.putArray("parameter");
        parameters.addObject().put("name", "subject").put("valueString", "Patient/" + patientId);
        if (data != null) {
            parameters.addObject().put("name", "data").set("resource", data);
        }
        return call.toString();
    }

    static Stream<Path> syntheaRecords() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fhir-samples/synthea-r4"))) {
            return files.filter(p -> !p.getFileName().toString().matches("(hospital|practitioner)Information.*"))
                    .sorted().toList().stream();
        }
    }

    /**
     * A real record, sent whole and unchanged: none has sciatica, so no decision, said; with a sciatica condition
     * added, a care plan that addresses it, and every resource of a kind not read counted in the decision.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("syntheaRecords")
    void aWholeSyntheaRecordIsReadAsAHookCallsPrefetchWouldBe(Path file) throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(Files.readString(file));
        String patientId = null;
        for (JsonNode entry : record.path("entry")) {
            if (entry.path("resource").path("resourceType").asText().equals("Patient")) {
                patientId = entry.path("resource").path("id").asText();
            }
        }

        JsonNode none = answered(call(patientId, record));
        assertEquals("RequestGroup", none.path("resourceType").asText());
        assertTrue(none.path("action").isMissingNode() && none.path("contained").isMissingNode(), none.toString());
        assertTrue(none.path("note").path(0).path("text").asText().startsWith("No decision: the data holds no current "
                + "sciatica"), none.toString());

        ((ArrayNode) record.path("entry")).addObject().set("resource", JSON.readTree("""
                {"resourceType":"Condition","id":"sciatica-1","clinicalStatus":{"coding":[{"system":\
                "http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[\
                {"system":"%s","code":"G57.01"}]},"subject":{"reference":"urn:uuid:%s"}}""".formatted(ICD10CM,
                patientId)));
        ((ArrayNode) record.path("entry")).addObject().putObject("request").put("method", "DELETE")
                .put("url", "Observation/gone"); // an entry with no resource: counted, never a reason to refuse
        JsonNode plan = answered(call(patientId, record));
        assertEquals("CarePlan", plan.path("resourceType").asText(), plan.toPrettyString());
        assertEquals("Condition/sciatica-1", plan.path("addresses").path(0).path("reference").asText());
        assertEquals("Patient/" + patientId, plan.path("subject").path("reference").asText());
        List<String> notes = decision(plan).path("note").findValuesAsText("text");
        assertTrue(notes.stream().anyMatch(n -> n.matches("Not read: \\d+ entries are of a kind this service does not "
                + "read \\(.*Encounter \\d+.*entry with no resource 1.*\\) and were left out\\.")), notes.toString());
    }

    /** Data without Observations, Procedures or the Patient: none on record, said as what is not known, never a 412. */
    @Test
    void aTypeAbsentFromTheDataIsNoneOnRecordSaidAsMissingData() throws Exception {
        JsonNode answer = answered(Ehr.record().condition(ICD10CM, "G57.02").omit("patient", "painScores", "procedures")
                .applyParameters());

        JsonNode decision = decision(answer);
        assertEquals("data-requested", decision.path("status").asText());
        List<String> missing = decision.path("dataRequirement").findValues("mustSupport").stream()
                .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                .map(JsonNode::asText).toList();
        assertTrue(missing.containsAll(List.of("painScore", "spinalSurgery")), missing.toString());
    }

    /** No data at all: nothing coded, so no decision, and the answer says so. */
    @Test
    void noDataIsNoDecisionSaid() throws Exception {
        JsonNode answer = answered(call("pat-42", null));
        assertEquals("RequestGroup", answer.path("resourceType").asText());
        assertTrue(answer.path("note").path(0).path("text").asText().startsWith("No decision"), answer.toString());
    }

    /** Each verdict's resource: a referral and a clearance as the RequestGroup's one action, nothing after an emergency. */
    @Test
    void eachVerdictAnswersWithWhatItCallsFor() throws Exception {
        JsonNode urgent = answered(Ehr.record().condition(ICD10CM, "M51.17").condition(ICD10CM, "M21.372")
                .applyParameters());
        assertEquals(List.of("RequestGroup", "urgent", "ServiceRequest"), List.of(urgent.path("resourceType").asText(),
                urgent.path("priority").asText(), urgent.path("contained").path(0).path("resourceType").asText()));
        assertEquals("#proposal", urgent.path("action").path(0).path("resource").path("reference").asText());

        JsonNode emergency = answered(Ehr.record().condition(ICD10CM, "G57.01").condition(ICD10CM, "N31.2")
                .applyParameters());
        assertEquals(Verdict.EMERGENCY, verdict(emergency));
        assertEquals("stat", emergency.path("priority").asText());
        assertTrue(emergency.path("action").isMissingNode(), "nothing that could be taken for treatment: " + emergency);
    }

    /** The decision is kept as every channel's is, under its own channel, with the id the answer carries. */
    @Test
    void theDecisionIsRecordedUnderItsChannel() throws Exception {
        JsonNode answer = answered(Ehr.record().condition(ICD10CM, "G57.02").painScore(4, 1).applyParameters());
        String id = decision(answer).path("requestIdentifier").path("value").asText();

        given().when().get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("decision.channel", org.hamcrest.Matchers.equalTo("FHIR_APPLY"))
                .body("decision.verdict", org.hamcrest.Matchers.equalTo(verdict(answer).name()));
    }

    /** The operation's other parameters are accepted and named as not used; an extension is ignored, as FHIR says. */
    @Test
    void parametersNotUsedAreSaidAndExtensionsIgnored() throws Exception {
        ObjectNode call = (ObjectNode) JSON.readTree(Ehr.record().condition(ICD10CM, "G57.02").painScore(4, 1)
                .applyParameters());
        ((ArrayNode) call.path("parameter")).addObject().put("name", "encounter").put("valueString", "Encounter/e1");
        call.putArray("extension").addObject().put("url", "https://ehr.example/x").put("valueString", "y");

        List<String> notes = decision(answered(call.toString())).path("note").findValuesAsText("text");
        assertTrue(notes.contains("Parameters this service does not use, and did not: encounter."), notes.toString());
    }

    /** A bad call: a 400 OperationOutcome, one issue per bad parameter, naming it and what is allowed. */
    @Test
    void aBadCallIsA400OperationOutcomeNamingTheParameter() throws Exception {
        String record = Ehr.record().condition(ICD10CM, "G57.02").applyParameters();
        assertRefused("{\"resourceType\":\"Patient\"}", "resourceType", "allowed: Parameters");
        assertRefused("{\"resourceType\":\"Parameters\"}", "parameter", "needs a subject");
        assertRefused(record.replace("Patient/pat-42", "Group/7"), "parameter[0].valueString", "Patient/<id>");
        assertRefused(record.replace("\"subject\"", "\"patient\""), "parameter[0].name", "allowed: subject, data");
        assertRefused(record.replace("\"resourceType\":\"Bundle\"", "\"resourceType\":\"List\""),
                "parameter[1].resource", "must be a Bundle");
        assertRefused(record.replace("\"id\":\"pat-42\"", "\"id\":\"pat-43\""), "parameter[1].resource.entry[0].resource",
                "another Patient");
        assertRefused(record.replace("G57.02", "PIRIFORMIS").replace(ICD10CM,
                "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding"), "parameter.data", "unknown code");
        assertRefused("{\"resourceType\":\"Parameters\",", "Parameters", "not JSON");
        assertRefused("", "resourceType", "allowed: Parameters");
    }

    private static void assertRefused(String body, String expression, String saying) throws Exception {
        Response response = apply(body);
        assertEquals(400, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/fhir+json"), response.contentType());
        JsonNode outcome = JSON.readTree(response.asString());
        assertEquals("OperationOutcome", outcome.path("resourceType").asText());
        JsonNode issue = outcome.path("issue").path(0);
        assertEquals(expression, issue.path("expression").path(0).asText(), outcome.toString());
        assertTrue(issue.path("diagnostics").asText().contains(saying), outcome.toString());
        assertEquals(List.of(), R4Validator.errors(response.asString()), outcome.toString());
    }

    /** No body of any shape gets a 5xx: each JSON value, at each place a call has one. */
    @Test
    void noBodyOfAnyShapeGetsA5xx() {
        List<String> values = List.of("null", "1", "\"x\"", "[]", "{}", "[{}]", "true");
        String template = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":%s},"
                + "{\"name\":\"data\",\"resource\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":%s}]}}]}";
        for (String value : values) {
            for (String body : List.of(value, "{\"resourceType\":\"Parameters\",\"parameter\":" + value + "}",
                    template.formatted(value, "{\"resourceType\":\"Condition\"}"),
                    template.formatted("\"Patient/p\"", value),
                    template.formatted("\"Patient/p\"", "{\"resourceType\":\"Condition\",\"code\":" + value + "}"),
                    template.formatted("\"Patient/p\"", "{\"resourceType\":\"Observation\",\"valueInteger\":" + value
                            + ",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"72514-3\"}]}}"))) {
                int status = apply(body).statusCode();
                assertTrue(status == 200 || status == 400, status + " for " + body);
            }
        }
    }
}
