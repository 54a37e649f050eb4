package org.acupressurecds.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import org.acupressurecds.cdshooks.Ehr;
import org.acupressurecds.decision.CardRecords;
import org.acupressurecds.http.Requester;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Feedback on a card comes from the EHR client that received it, and is recorded with who sent it. */
@QuarkusTest
@TestProfile(Secured.class)
class FeedbackSenderTest {

    private static final String SERVICE = "/cds-services/acupressure-mat-sciatica";
    private static final Consumer<JwtClaims> FIRST = c -> { };
    private static final Consumer<JwtClaims> SECOND = c -> c.setIssuer(Keys.SECOND_EHR_ISSUER);

    @Inject
    CardRecords cards;

    private static String token(Consumer<JwtClaims> client, String path) {
        return "Bearer " + Keys.ehrToken(Keys.EHR_RSA, AlgorithmIdentifiers.RSA_USING_SHA384, Secured.PUBLIC_URL + path,
                client, java.util.Map.of());
    }

    private static String cardFor(Consumer<JwtClaims> client) {
        return given().header("Authorization", token(client, SERVICE)).contentType("application/json")
                .body(Ehr.record().condition(Ehr.ICD10CM, "G57.01").hookRequest())
                .when().post(SERVICE).then().statusCode(200).extract().path("cards[0].uuid");
    }

    private static io.restassured.response.ValidatableResponse feedback(Consumer<JwtClaims> client, String card) {
        return given().header("Authorization", token(client, SERVICE + "/feedback")).contentType("application/json")
                .body("""
                        {"feedback":[{"card":"%s","outcome":"accepted","outcomeTimestamp":"2026-11-24T10:00:00Z"}]}"""
                        .formatted(card))
                .when().post(SERVICE + "/feedback").then();
    }

    @Test
    void anotherClientCannotGiveFeedbackOnACardAndTheReceiversFeedbackIsRecordedWithItsSender() {
        String card = cardFor(FIRST);

        feedback(SECOND, card).statusCode(400)
                .body("errors.field", hasItem("feedback[0].card"))
                .body("errors[0].message", equalTo("must be the uuid of a card this service returned"));
        feedback(FIRST, card).statusCode(200);

        assertEquals(1, cards.feedbackOn(card).size(), "only the receiver's feedback is recorded");
        assertEquals(new Requester(Keys.EHR_ISSUER, "ehr-client-7"), cards.feedbackOn(card).get(0).sender());
    }
}
