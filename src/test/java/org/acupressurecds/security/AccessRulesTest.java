package org.acupressurecds.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * People and other systems sign in (bearer tokens here, verified against the identity provider's key): each endpoint
 * says 401 without a token, 403 with the wrong role. A path with no rule is denied.
 */
@QuarkusTest
@TestProfile(Secured.class)
class AccessRulesTest {

    private static final String PATIENT = "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}";

    private static RequestSpecification as(String... roles) {
        return given().header("Authorization", "Bearer " + Keys.personToken("someone", roles));
    }

    @Test
    void theVerdictWordsAreForThePagesClinicians() {
        given().when().get("/api/v1/verdicts").then().statusCode(401);
        as("auditor").when().get("/api/v1/verdicts").then().statusCode(403);
        as("clinician").when().get("/api/v1/verdicts").then().statusCode(200)
                .body("find { it.verdict == 'URGENT_REFERRAL' }.label", equalTo("Urgent referral"));
    }

    @Test
    void assessmentsAreForClinicians() {
        given().contentType("application/json").body(PATIENT).when().post("/api/v1/assessments").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        as("rule-author").contentType("application/json").body(PATIENT).when().post("/api/v1/assessments").then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        as("clinician").contentType("application/json").body(PATIENT).when().post("/api/v1/assessments").then()
                .statusCode(200).body("verdict", equalTo("SUITABLE"));
    }

    @Test
    void theRuleSetIsForRuleAuthors() {
        given().when().get("/api/v1/ruleset").then().statusCode(401);
        as("clinician").when().get("/api/v1/ruleset").then().statusCode(403);
        as("rule-author").when().get("/api/v1/ruleset").then().statusCode(200).body("version", notNullValue());

        as("clinician").contentType("application/json").when().post("/api/v1/ruleset/reload").then().statusCode(403);
        as("clinician").contentType("application/json").body("{\"files\":{\"x.drl\":\"package rules;\"}}")
                .when().post("/api/v1/ruleset/validate").then().statusCode(403);
        as("rule-author").contentType("application/json").when().post("/api/v1/ruleset/reload").then()
                .statusCode(200).body("status", equalTo("UNCHANGED"));
        as("clinician").when().get("/api/v1/ruleset/statistics").then().statusCode(403);
        as("rule-author").when().get("/api/v1/ruleset/statistics").then().statusCode(200)
                .body("decisions", greaterThanOrEqualTo(0));
        as("auditor").when().get("/api/v1/ruleset/statistics").then().statusCode(200);
        as("clinician").when().get("/api/v1/ruleset/events").then().statusCode(403);
        as("rule-author").when().get("/api/v1/ruleset/events").then().statusCode(200).body("total", greaterThanOrEqualTo(1));
        as("auditor").when().get("/api/v1/ruleset/events").then().statusCode(200);
        as("auditor").when().get("/api/v1/ruleset").then().statusCode(403);
        as("clinician").when().get("/rules.html").then().statusCode(403);
        as("rule-author").when().get("/rules.html").then().statusCode(200).body(containsString("id=\"statistics\""));
        as("rule-author").when().get("/app.css").then().statusCode(200);
        as("clinician").when().get("/app.css").then().statusCode(200);
        as("auditor").when().get("/app.css").then().statusCode(403);
    }

    @Test
    void thePublishedKnowledgeIsReadByCliniciansAndRuleAuthors() {
        String plan = "/fhir/PlanDefinition/acupressure-mat-sciatica";
        given().when().get(plan).then().statusCode(401);
        as("auditor").when().get(plan).then().statusCode(403);
        as("clinician").when().get(plan).then().statusCode(200).contentType("application/fhir+json");
        as("rule-author").when().get(plan).then().statusCode(200);
        as("clinician", "rule-author").contentType("application/json").body("{}").when().post(plan).then()
                .statusCode(403);
        given().when().get("/fhir/metadata").then().statusCode(401);
        as("auditor").when().get("/fhir/metadata").then().statusCode(403);
        as("rule-author").when().get("/fhir/metadata").then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"));
    }

    /** Applying the knowledge to a patient is a decision, as an assessment is: clinicians only, and only by POST. */
    @Test
    void applyingTheKnowledgeToAPatientIsForClinicians() {
        String apply = "/fhir/PlanDefinition/acupressure-mat-sciatica/$apply";
        String call = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"subject\","
                + "\"valueString\":\"Patient/pat-42\"}]}";
        given().urlEncodingEnabled(false).contentType("application/fhir+json").body(call).when().post(apply).then()
                .statusCode(401);
        as("rule-author", "auditor").urlEncodingEnabled(false).contentType("application/fhir+json").body(call).when().post(apply).then()
                .statusCode(403);
        as("clinician").urlEncodingEnabled(false).contentType("application/fhir+json").body(call).when().post(apply)
                .then().statusCode(200)
                .contentType("application/fhir+json").body("resourceType", equalTo("RequestGroup"));
        as("clinician", "rule-author", "auditor").urlEncodingEnabled(false).when().get(apply).then().statusCode(anyOf(equalTo(403),
                equalTo(405)));
    }

    @Test
    void theDecisionRecordIsForAuditors() {
        given().when().get("/api/v1/decisions").then().statusCode(401);
        as("clinician", "rule-author").when().get("/api/v1/decisions").then().statusCode(403);
        as("auditor").when().get("/api/v1/decisions").then().statusCode(200).body("page", equalTo(0));
    }

    @Test
    void aTokenFromAnotherIssuerOrAnEhrIsNotAPersonsToken() {
        given().header("Authorization", "Bearer " + Keys.ehrToken(Keys.EHR_RSA, "RS384",
                        Secured.PUBLIC_URL + "/api/v1/assessments"))
                .contentType("application/json").body(PATIENT).when().post("/api/v1/assessments").then()
                .statusCode(401).contentType("application/problem+json");
    }

    /** With the identity provider's public key only, the issuer and audience configured are what is checked. */
    @Test
    void aPersonsTokenFromAnotherIssuerForAnotherAudienceOrIssuedInTheFutureIsA401() {
        for (java.util.function.Consumer<org.jose4j.jwt.JwtClaims> change : List.<java.util.function.Consumer<
                org.jose4j.jwt.JwtClaims>>of(c -> c.setIssuer("https://other-idp.example.test"),
                c -> c.setAudience("another-service"),
                c -> c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(org.jose4j.jwt.NumericDate.now().getValue()
                        + 24 * 3600)))) {
            given().header("Authorization", "Bearer " + Keys.personToken(change, "someone", "clinician"))
                    .contentType("application/json").body(PATIENT).when().post("/api/v1/assessments").then()
                    .statusCode(401);
        }
        as("clinician").contentType("application/json").body(PATIENT).when().post("/api/v1/assessments").then()
                .statusCode(200);
    }

    @Test
    void thePageNeedsSignIn() {
        given().redirects().follow(false).when().get("/").then().statusCode(anyOf(equalTo(401), equalTo(302)));
        as("clinician").when().get("/").then().statusCode(200).body(containsString("<form"));
    }

    @Test
    void aPathWithNoRuleIsDeniedEvenWithEveryRole() {
        for (String path : new String[] {"/q/dev-ui", "/api/v1/other", "/internal"}) {
            as("clinician", "rule-author", "auditor").when().get(path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aPathWithNoRuleAndNoCredentialsIsA401Problem() {
        given().when().get("/internal").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/patients/Jane-Doe-1970-01-01").then().statusCode(401);
        given().when().get("/q/metrics").then()
                .body(containsString("cds_auth_rejected_total{caller=\"person\",reason=\"no credentials\"}"))
                .body(org.hamcrest.Matchers.not(containsString("Jane-Doe")));
    }

    @Test
    void healthMetricsAndTheApiDescriptionAreOpenForProbesScrapersAndReaders() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void stateChangingEndpointsTakeOnlyJson() {
        as("rule-author").contentType("application/x-www-form-urlencoded").body("files=x")
                .when().post("/api/v1/ruleset/validate").then().statusCode(415);
        as("rule-author").contentType("text/plain").when().post("/api/v1/ruleset/reload").then().statusCode(415);
        as("clinician").contentType("text/plain").body(PATIENT).when().post("/api/v1/assessments").then()
                .statusCode(415);
    }
}
