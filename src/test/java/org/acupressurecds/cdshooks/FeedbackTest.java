package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.acupressurecds.decision.Outcome;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.decision.CardRecords;
import org.junit.jupiter.api.Test;

/** Feedback on a card is validated and recorded with the rule-set version that issued the card. */
@QuarkusTest
class FeedbackTest {

    private static final String FEEDBACK = CdsHooksResourceTest.SERVICE + "/feedback";

    @Inject
    CardRecords cards;

    @Inject
    RuleService rules;

    private static String issueCriticalCard() {
        return CdsHooksResourceTest.call(Ehr.record().condition(ICD10CM, "M51.16").condition(ICD10CM, "G83.4"))
                .statusCode(200).extract().path("cards[0].uuid");
    }

    @Test
    void overriddenCardIsRecordedWithItsReasonAndTheRuleSetThatIssuedIt() {
        String card = issueCriticalCard();

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"already-managed","display":"Already referred"},"userComment":"seen in ED yesterday"}}]}"""
                        .formatted(card))
                .when().post(FEEDBACK).then().statusCode(200);

        CardRecords.Feedback recorded = cards.feedbackOn(card).get(0);
        assertEquals(Outcome.OVERRIDDEN, recorded.outcome());
        assertEquals("already-managed", recorded.overrideReason());
        assertEquals(rules.current().version(), cards.find(card).orElseThrow().rulesetVersion());
    }

    @Test
    void anOverrideReasonTheCardDidNotOfferIsRejectedAndNotRecorded() {
        String card = issueCriticalCard();

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"already-managed\\nERROR forged log line"}}}]}""".formatted(card))
                .when().post(FEEDBACK).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("feedback[0].overrideReason.reason"))
                .body("errors[0].allowedValues", hasItems("already-managed", "finding-not-present", "patient-declined"));

        assertTrue(cards.feedbackOn(card).isEmpty());
    }

    @Test
    void anOverlongCommentIsRejected() {
        String card = issueCriticalCard();

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"userComment":"%s"}}]}""".formatted(card, "x".repeat(5000)))
                .when().post(FEEDBACK).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("feedback[0].overrideReason.userComment"));
    }

    @Test
    void acceptedCardIsRecorded() {
        String card = issueCriticalCard();

        given().contentType("application/json")
                .body("{\"feedback\":[{\"card\":\"%s\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-24T10:15:00+01:00\"}]}"
                        .formatted(card))
                .when().post(FEEDBACK).then().statusCode(200);

        assertEquals(Outcome.ACCEPTED, cards.feedbackOn(card).get(0).outcome());
    }

    @Test
    void feedbackOnAnUnknownCardWithABadOutcomeAndNoTimestampNamesEachField() {
        given().contentType("application/json")
                .body("{\"feedback\":[{\"card\":\"8c8a2a3c-0000-4000-8000-000000000000\",\"outcome\":\"ignored\"}]}")
                .when().post(FEEDBACK).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("feedback[0].card", "feedback[0].outcome", "feedback[0].outcomeTimestamp"))
                .body("errors[1].allowedValues", contains("accepted", "overridden"));
    }

    @Test
    void overrideReasonOnAnAcceptedCardIsRejected() {
        String card = issueCriticalCard();

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"accepted","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"userComment":"?"}}]}""".formatted(card))
                .when().post(FEEDBACK).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("feedback[0].overrideReason"));
    }

    @Test
    void emptyFeedbackIsRejected() {
        given().contentType("application/json").body("{\"feedback\":[]}")
                .when().post(FEEDBACK).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("feedback"));
    }
}
