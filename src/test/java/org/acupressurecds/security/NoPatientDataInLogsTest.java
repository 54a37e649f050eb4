package org.acupressurecds.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full requests with distinctive patient values go through every endpoint, error paths included; none of the values,
 * nor any token, reaches a log line. Every log record of the running service is captured, stack traces too.
 */
@QuarkusTest
@TestProfile(Secured.class)
class NoPatientDataInLogsTest {

    private static final String NAME = "Zebedee Quillfeather";
    private static final String MRN = "MRN-QX-7734921";
    private static final String PATIENT_ID = "pat-zq9931";
    private static final String BIRTH_DATE = "1931-02-03";
    private static final String FHIR_TOKEN = "fhirtok-ZQ55aa77bb99";

    private static final List<String> LOGGED = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLoggerName()).append(' ').append(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    text.append(' ').append(String.valueOf(p));
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            LOGGED.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void capture() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void release() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    private static String ehrToken(String path) {
        return Keys.ehrToken(Keys.EHR_EC, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, Secured.PUBLIC_URL + path);
    }

    /** A hook call whose record is full of the patient's identifiers; one Condition per code. */
    private static String hookRequest(String fhirServer, String... conditionCodes) {
        StringBuilder entries = new StringBuilder();
        for (String code : conditionCodes) {
            String system = code.matches("[A-Z]\\d\\d(\\.\\d+)?") ? "http://hl7.org/fhir/sid/icd-10-cm"
                    : "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding";
            entries.append(entries.isEmpty() ? "" : ",").append("""
                    {"resource":{"resourceType":"Condition","id":"c-%s","subject":{"reference":"Patient/%s","display":"%s"},
                      "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                      "code":{"coding":[{"system":"%s","code":"%s"}],"text":"%s"}}}""".formatted(
                    entries.length(), PATIENT_ID, NAME, system, code, NAME));
        }
        return """
                {"hook":"patient-view","hookInstance":"%s",%s
                 "fhirAuthorization":{"access_token":"%s","token_type":"Bearer","expires_in":300,"scope":"patient/*.read","subject":"cds"},
                 "context":{"userId":"Practitioner/pr-7","patientId":"%s"},
                 "prefetch":{
                  "patient":{"resourceType":"Patient","id":"%s","identifier":[{"system":"urn:mrn","value":"%s"}],
                    "name":[{"text":"%s"}],"birthDate":"%s"},
                  "conditions":{"resourceType":"Bundle","type":"searchset","entry":[%s]},
                  "painScores":null,"procedures":null}}""".formatted(UUID.randomUUID(),
                fhirServer == null ? "" : "\"fhirServer\":\"" + fhirServer + "\",", FHIR_TOKEN, PATIENT_ID, PATIENT_ID,
                MRN, NAME, BIRTH_DATE, entries);
    }

    @Test
    void noRequestOnAnyPathLogsPatientDataOrTokens() {
        // Callers' own names are audited (who reloaded the rules); patients' are not.
        String clinician = Keys.personToken("dr-jones", "clinician");
        String author = Keys.personToken("author-lee", "rule-author");
        String service = "/cds-services/acupressure-mat-sciatica";

        // The assessment API: an answer, and errors that could quote the input.
        given().header("Authorization", "Bearer " + clinician).contentType("application/json")
                .body("{\"sciaticaType\":\"DISC_HERNIATION\",\"redFlags\":[\"FOOT_DROP\"],\"painScore\":9}")
                .when().post("/api/v1/assessments").then().statusCode(200);
        given().header("Authorization", "Bearer " + clinician).contentType("application/json")
                .body("{\"sciaticaType\":\"" + NAME + "\",\"redFlags\":[\"" + MRN + "\"],\"" + BIRTH_DATE + "\":1}")
                .when().post("/api/v1/assessments").then().statusCode(400);
        given().header("Authorization", "Bearer " + clinician).contentType("application/json")
                .body("{\"sciaticaType\": " + FHIR_TOKEN + "}").when().post("/api/v1/assessments").then().statusCode(400);
        given().header("Authorization", "Bearer " + Keys.personToken("nurse-kim")).contentType("application/json")
                .body("{}").when().post("/api/v1/assessments").then().statusCode(403);

        // CDS Hooks: a card; a bad code; a fetch refused; a FHIR server that fails; a bad token; feedback.
        String cardId = given().header("Authorization", "Bearer " + ehrToken(service)).contentType("application/json")
                .body(hookRequest(null, "M51.16", "G83.4")).when().post(service).then().statusCode(200)
                .extract().path("cards[0].uuid");
        given().header("Authorization", "Bearer " + ehrToken(service)).contentType("application/json")
                .body(hookRequest(null, MRN)).when().post(service).then().statusCode(400);
        given().header("Authorization", "Bearer " + ehrToken(service)).contentType("application/json")
                .body(hookRequest(Secured.otherBase(), "G83.4").replace("\"painScores\":null,", ""))
                .when().post(service).then().statusCode(412);
        given().header("Authorization", "Bearer " + Keys.ehrToken(Keys.EHR_EC, "ES384", Secured.PUBLIC_URL + service,
                        c -> c.setSubject(NAME + "\nERROR forged"), Map.of("kid", MRN)))
                .contentType("application/json").body(hookRequest(null, "G83.4")).when().post(service).then()
                .statusCode(401); // its kid names no key of the EHR's
        given().header("Authorization", "Bearer " + FHIR_TOKEN).when().get("/cds-services").then().statusCode(401);
        given().header("Authorization", "Bearer " + ehrToken(service + "/feedback")).contentType("application/json")
                .body("""
                        {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:00:00Z",
                          "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                          "code":"already-managed"},"userComment":"%s %s"}}]}""".formatted(cardId, NAME, MRN))
                .when().post(service + "/feedback").then().statusCode(200);
        given().header("Authorization", "Bearer " + ehrToken(service + "/feedback")).contentType("application/json")
                .body("""
                        {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:00:00Z",
                          "overrideReason":{"reason":{"system":"x","code":"%s\\nERROR forged"}}}]}""".formatted(cardId, NAME))
                .when().post(service + "/feedback").then().statusCode(400);

        // $apply: an answer from the same record as data, an unknown code, another Patient, JSON that breaks.
        String apply = "/fhir/PlanDefinition/acupressure-mat-sciatica/$apply";
        String prefetch = hookRequest(null, "M51.16", "G83.4");
        String data = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\",\"valueString\":"
                + "\"Patient/" + PATIENT_ID + "\"},{\"name\":\"data\",\"resource\":{\"resourceType\":\"Bundle\","
                + "\"type\":\"collection\",\"entry\":[{\"resource\":%s},%s]}}]}";
        String patient = prefetch.substring(prefetch.indexOf("{\"resourceType\":\"Patient\""),
                prefetch.indexOf(",\n  \"conditions\""));
        String conditions = prefetch.substring(prefetch.indexOf("\"entry\":[") + 9, prefetch.lastIndexOf("]},"));
        for (String[] call : new String[][] {{data.formatted(patient, conditions), "200"},
                {data.formatted(patient, conditions.replace("G83.4", MRN).replace("http://hl7.org/fhir/sid/icd-10-cm",
                        "https://acupressure-cds.org/fhir/CodeSystem/sciatica-finding")), "400"},
                {data.formatted(patient.replace("\"id\":\"" + PATIENT_ID, "\"id\":\"" + MRN), conditions), "400"},
                {data.formatted(patient, conditions).substring(0, 200), "400"}}) {
            given().header("Authorization", "Bearer " + clinician).urlEncodingEnabled(false)
                    .contentType("application/fhir+json").body(call[0]).when().post(apply).then()
                    .statusCode(Integer.parseInt(call[1]));
        }

        // The rule author's endpoints, with a draft that quotes the values.
        given().header("Authorization", "Bearer " + author).contentType("application/json")
                .body(Map.of("files", Map.of("draft.drl", "package rules;\nrule \"" + NAME + "\" when then Runtime.exec(\""
                        + MRN + "\"); end\n")))
                .when().post("/api/v1/ruleset/validate").then().statusCode(200);
        given().header("Authorization", "Bearer " + author).contentType("application/json")
                .when().post("/api/v1/ruleset/reload").then().statusCode(200);

        String all = String.join("\n", LOGGED);
        assertTrue(LOGGED.size() > 0, "nothing was captured: the capture is broken");
        for (String secret : List.of(NAME, MRN, PATIENT_ID, BIRTH_DATE, FHIR_TOKEN, clinician, author,
                "ERROR forged")) {
            assertEquals(-1, all.indexOf(secret), () -> "logged: " + secret + " in\n" + all);
        }
        for (String token : List.of(clinician.split("\\.")[1], clinician.split("\\.")[2])) {
            assertEquals(-1, all.indexOf(token), "a token part was logged");
        }
    }
}
