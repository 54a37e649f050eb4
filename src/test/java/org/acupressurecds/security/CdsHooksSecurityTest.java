package org.acupressurecds.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every CDS Hooks call carries its EHR's JWT, verified as CDS Hooks 2.0 requires, through the real HTTP stack. */
@QuarkusTest
@TestProfile(Secured.class)
class CdsHooksSecurityTest {

    private static final String DISCOVERY = "/cds-services";
    private static final String SERVICE = "/cds-services/acupressure-mat-sciatica";

    private static String aud(String path) {
        return Secured.PUBLIC_URL + path;
    }

    private static ValidatableResponse discover(String token) {
        return given().header("Authorization", "Bearer " + token).when().get(DISCOVERY).then();
    }

    @AfterEach
    void normalFhirServer() {
        Secured.behaviour = Secured.Behaviour.NORMAL;
    }

    @Test
    void es384AndRs384TokensFromTheRegisteredEhrAreAccepted() {
        discover(Keys.ehrToken(Keys.EHR_EC, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, aud(DISCOVERY)))
                .statusCode(200).body("services[0].id", equalTo("acupressure-mat-sciatica"));
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY)))
                .statusCode(200);
    }

    @Test
    void noTokenIsA401() {
        given().when().get(DISCOVERY).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void algNoneIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.NONE, aud(DISCOVERY))).statusCode(401);
    }

    @Test
    void hs256WithThePublicKeyAsSecretIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.HMAC_SHA256, aud(DISCOVERY))).statusCode(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsA401() {
        discover(Keys.ehrToken(Keys.IMPOSTOR, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY))).statusCode(401);
    }

    @Test
    void anUnknownIssuerIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY),
                c -> c.setIssuer("https://other-ehr.example.test"), Map.of())).statusCode(401);
    }

    @Test
    void aTokenForAnotherEndpointIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(SERVICE))).statusCode(401);
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, "http://evil.example" + DISCOVERY))
                .statusCode(401);
    }

    @Test
    void theAudienceComesFromTheConfiguredUrlNotTheHostHeader() {
        given().header("Host", "evil.example").header("Authorization", "Bearer " + Keys.ehrToken(Keys.EHR_RSA,
                        AlgorithmIdentifiers.RSA_USING_SHA384, "http://evil.example" + DISCOVERY))
                .when().get(DISCOVERY).then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY), c -> {
            c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 900));
            c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
        }, Map.of())).statusCode(401);
        given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "cds_auth_rejected_total{caller=\"ehr\",reason=\"expired\"}"));
    }

    @Test
    void aTokenIssuedInTheFutureIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY),
                c -> c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600)), Map.of()))
                .statusCode(401);
    }

    /** CDS Hooks recommends tokens of five minutes: one living ten years would be remembered ten years. */
    @Test
    void aTokenLivingLongerThanFiveMinutesIsA401AndFiveMinutesExactlyIsFine() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY),
                c -> c.setExpirationTimeMinutesInTheFuture(10 * 365 * 24 * 60), Map.of())).statusCode(401);
        long now = NumericDate.now().getValue();
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY), c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now));
            c.setExpirationTime(NumericDate.fromSeconds(now + 300));
        }, Map.of())).statusCode(200);
        given().when().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "cds_auth_rejected_total{caller=\"ehr\",reason=\"lifetime too long\"}"));
    }

    @Test
    void aBlankJtiIsA401() {
        for (String jti : new String[] {"", " "}) {
            discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY),
                    c -> c.setJwtId(jti), Map.of())).statusCode(401);
        }
    }

    @Test
    void aReplayedJtiIsA401() {
        String token = Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY));
        discover(token).statusCode(200);
        discover(token).statusCode(401);
    }

    @Test
    void aJkuOffTheAllowlistIsA401() {
        discover(Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, aud(DISCOVERY), c -> { },
                Map.of("jku", "https://attacker.example/jwks.json"))).statusCode(401);
    }

    @Test
    void aFhirServerOffTheEhrsListIsNeverContactedAndThe412SaysNothingOfIt() {
        int before = Secured.OTHER_HITS.get();

        String body = hookCall(Secured.otherBase())
                .statusCode(412)
                .contentType("application/fhir+json")
                .body("issue[0].diagnostics", containsString("not one this service may fetch from"))
                .extract().asString();

        assertEquals(before, Secured.OTHER_HITS.get(), "the other server was contacted");
        assertEquals(-1, body.indexOf(String.valueOf(Secured.OTHER.getAddress().getPort())), body);
    }

    @Test
    void theEhrsOwnFhirServerIsFetchedFrom() {
        int before = Secured.EHR_FHIR_HITS.get();

        hookCall(Secured.ehrFhirBase()).statusCode(200).body("cards", empty());

        assertEquals(before + 4, Secured.EHR_FHIR_HITS.get());
    }

    @Test
    void aFhirServerBehindTheHospitalsOwnAuthorityIsTrustedThroughTheTruststore() {
        int before = Secured.HOSPITAL_TLS.hits.get();

        hookCall(Secured.HOSPITAL_TLS.base()).statusCode(200).body("cards", empty());

        assertEquals(before + 4, Secured.HOSPITAL_TLS.hits.get());
    }

    @Test
    void aSlowBodyGetsA412WithinTheDeadlineAndAssessmentsKeepAnswering() throws Exception {
        Secured.behaviour = Secured.Behaviour.SLOW_BODY;
        Thread slow = new Thread(() -> hookCall(Secured.ehrFhirBase()).statusCode(412)
                .body("issue[0].diagnostics", containsString("took longer than 2 s")));
        slow.start();

        given().header("Authorization", "Bearer " + Keys.personToken("pat", "clinician"))
                .contentType("application/json").body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}")
                .when().post("/api/v1/assessments").then().statusCode(200);
        slow.join(10_000);
        assertEquals(false, slow.isAlive());
        hookCall(Secured.ehrFhirBase()).statusCode(412).body("issue[0].diagnostics", containsString("took longer than 2 s"));
    }

    @Test
    void manySlowFhirServerCallsInFlightDoNotStarveAssessments() throws Exception {
        Secured.behaviour = Secured.Behaviour.SLOW_BODY;
        int calls = 48; // more than the service's worker threads
        java.util.concurrent.ExecutorService ehr = java.util.concurrent.Executors.newFixedThreadPool(calls);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int i = 0; i < calls; i++) {
                ehr.submit(() -> {
                    hookCall(Secured.ehrFhirBase()).statusCode(412);
                    finished.incrementAndGet();
                });
            }
            Thread.sleep(300); // all of them waiting on the FHIR server now

            given().header("Authorization", "Bearer " + Keys.personToken("pat", "clinician"))
                    .contentType("application/json").body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}")
                    .when().post("/api/v1/assessments").then().statusCode(200);
            assertEquals(0, finished.get(), "the assessment waited for the slow calls");
        } finally {
            ehr.shutdown();
            ehr.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertEquals(calls, finished.get(), "every slow call got its 412");
    }

    @Test
    void anOversizedBodyGetsA412() {
        Secured.behaviour = Secured.Behaviour.OVERSIZED;

        hookCall(Secured.ehrFhirBase()).statusCode(412)
                .body("issue.diagnostics", hasItem(containsString("larger than 1 MB")));
    }

    private static ValidatableResponse hookCall(String fhirServer) {
        String request = """
                {"hook":"patient-view","hookInstance":"%s","fhirServer":"%s",
                 "fhirAuthorization":{"access_token":"fhir-token-1","token_type":"Bearer","expires_in":300,
                   "scope":"user/Patient.read","subject":"cds-service"},
                 "context":{"userId":"Practitioner/pr-7","patientId":"pat-42"}}""".formatted(UUID.randomUUID(), fhirServer);
        return given().header("Authorization", "Bearer "
                        + Keys.ehrToken(Keys.EHR_EC, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, aud(SERVICE)))
                .contentType("application/json").body(request).when().post(SERVICE).then();
    }
}
