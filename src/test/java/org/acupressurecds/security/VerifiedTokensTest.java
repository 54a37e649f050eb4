package org.acupressurecds.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Clock;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * A person's bearer token, once verified, is kept for the next call with the same token; nothing else is taken for it.
 * The access rules still decide each call; a kept token stops counting at its expiry; a token that differs by a byte
 * is verified as any other; a token refused once is refused again.
 */
@QuarkusTest
@TestProfile(Secured.class)
class VerifiedTokensTest {

    private static final String PATIENT = "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}";

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").body(PATIENT);
    }

    private static double kept() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("cds_auth_verified_tokens_total{outcome=\"kept\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aTokenUsedAgainIsAnsweredFromWhatWasVerifiedAndTheAccessRulesStillDecide() {
        String clinician = Keys.personToken("dr-kept", "clinician");
        double before = kept();
        bearer(clinician).when().post("/api/v1/assessments").then().statusCode(200);
        bearer(clinician).when().post("/api/v1/assessments").then().statusCode(200);
        assertEquals(before + 1, kept(), "the second call used the kept verification");

        String author = Keys.personToken("author-kept", "rule-author");
        bearer(author).when().post("/api/v1/assessments").then().statusCode(403);
        bearer(author).when().post("/api/v1/assessments").then().statusCode(403); // kept, and still not a clinician
    }

    @Test
    void aKeptTokenStopsAtItsExpiry() throws InterruptedException {
        long expires = NumericDate.now().getValue() + 2;
        String shortLived = Keys.personToken(c -> c.setExpirationTime(NumericDate.fromSeconds(expires)), "dr-brief",
                "clinician");
        bearer(shortLived).when().post("/api/v1/assessments").then().statusCode(200);
        while (NumericDate.now().getValue() <= expires) {
            Thread.sleep(200);
        }
        bearer(shortLived).when().post("/api/v1/assessments").then().statusCode(401);
    }

    @Test
    void aTokenThatDiffersByAByteOrWasRefusedIsNeverTakenForAKeptOne() {
        String clinician = Keys.personToken("dr-forged", "clinician");
        bearer(clinician).when().post("/api/v1/assessments").then().statusCode(200);
        String forged = clinician.substring(0, clinician.length() - 2)
                + (clinician.endsWith("AA") ? "BB" : "AA"); // the same claims, another signature
        bearer(forged).when().post("/api/v1/assessments").then().statusCode(401);

        String future = Keys.personToken(c -> c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue()
                + 3600)), "dr-future", "clinician");
        bearer(future).when().post("/api/v1/assessments").then().statusCode(401);
        bearer(future).when().post("/api/v1/assessments").then().statusCode(401);
    }

    /** A page's session carries an access token too; its identity is the ID token's, and a bearer call never gets it. */
    @Test
    void aPageSessionsAccessTokenIsNeverKept() {
        VerifiedTokens tokens = new VerifiedTokens(Clock.systemUTC());
        String access = Keys.personToken("dr-page", "clinician");
        JwtClaims claims = new JwtClaims();
        claims.setSubject("dr-page");
        claims.setExpirationTimeMinutesInTheFuture(5);
        IdTokenCredential idToken = new IdTokenCredential("an-id-token");
        tokens.keep(QuarkusSecurityIdentity.builder().setPrincipal(new OidcJwtCallerPrincipal(claims, idToken))
                .addCredential(idToken).addCredential(new AccessTokenCredential(access)).build());

        SecurityIdentity answered = tokens.authenticate(new TokenAuthenticationRequest(new AccessTokenCredential(access)),
                null).await().indefinitely();

        assertNull(answered, "left to OpenID Connect to verify as a bearer token");
    }
}
