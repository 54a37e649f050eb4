package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.acupressurecds.cdshooks.Ehr.ICD10CM;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acupressurecds.fhir.FhirReading;
import org.acupressurecds.knowledge.Assessment;
import org.acupressurecds.knowledge.OverrideReason;
import org.acupressurecds.knowledge.Reason;
import org.acupressurecds.knowledge.Verdict;
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

    @Inject
    Clock clock;

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

    /**
     * A foot drop decides an urgent referral; the pain score taken this week only adds a flare that does not decide.
     * The override counts against the rules that decided the verdict, with its reason in words, and the statistics
     * lead to the decision; the rules that did not decide are not blamed.
     */
    @Test
    void anOverrideCountsAgainstTheRulesThatDecidedTheVerdictAndLeadsToTheDecision() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "M51.16").condition(ICD10CM, "M21.371").painScore(9, 0);
        Assessment answer = answerFor(ehr);
        List<String> notDeciding = answer.reasons().stream().map(Reason::rule)
                .filter(r -> !answer.decidedBy().contains(r)).distinct().toList();
        assertFalse(answer.decidedBy().isEmpty());
        assertFalse(notDeciding.isEmpty(), "the flare fired and did not decide");
        Map<String, Integer> before = counts("overridden");
        String card = CdsHooksResourceTest.call(ehr).statusCode(200).extract().path("cards[0].uuid");

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"already-managed"}}}]}""".formatted(card))
                .when().post(FEEDBACK).then().statusCode(200);

        Map<String, Integer> after = counts("overridden");
        answer.decidedBy().forEach(rule -> assertEquals(before.getOrDefault(rule, 0) + 1, after.get(rule), rule));
        notDeciding.forEach(rule -> assertEquals(before.getOrDefault(rule, 0), after.get(rule), rule));
        String rule = answer.decidedBy().get(0);
        String decisions = given().when().get("/api/v1/ruleset/statistics").then().statusCode(200)
                .body("rules.find { it.rule == '%s' }.overrideReasons.text".formatted(rule),
                        hasItem("Already referred or under medical care for this"))
                .body("rules.find { it.rule == '%s' }.overriddenExamples".formatted(rule), not(empty()))
                .extract().path("rules.find { it.rule == '%s' }.decisions.overridden".formatted(rule));
        given().urlEncodingEnabled(false).when().get(decisions).then().statusCode(200)
                .body("decisions.card", hasItem(card));
    }

    @Test
    void anAcceptedSuggestionIsKeptWithTheDecisionAndCountedInTheStatistics() {
        Ehr ehr = Ehr.record().condition(ICD10CM, "G57.02").painScore(4, 2);
        Assessment answer = answerFor(ehr);
        Map<String, Integer> before = counts("suggestionsAccepted");
        var card = CdsHooksResourceTest.call(ehr).statusCode(200).extract().jsonPath();
        String uuid = card.getString("cards[0].uuid");
        String suggestion = card.getString("cards[0].suggestions[0].uuid");

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"accepted","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "acceptedSuggestions":[{"id":"%s"}]}]}""".formatted(uuid, suggestion))
                .when().post(FEEDBACK).then().statusCode(200);

        assertEquals(suggestion, cards.feedbackOn(uuid).get(0).acceptedSuggestion());
        String rule = answer.decidedBy().get(0);
        String decision = given().when().get("/api/v1/decisions?decidedBy=" + rule + "&outcome=accepted")
                .then().statusCode(200).extract().path("decisions.find { it.card == '%s' }.id".formatted(uuid));
        given().when().get("/api/v1/decisions/" + decision).then().statusCode(200)
                .body("feedback[0].acceptedSuggestion", equalTo(suggestion));
        Map<String, Integer> after = counts("suggestionsAccepted");
        answer.decidedBy().forEach(r -> assertEquals(before.getOrDefault(r, 0) + 1, after.get(r), r));
    }

    @Test
    void aSuggestionTheCardDidNotOfferOrOneWithAnOverrideIsRefused() {
        String card = issueCriticalCard();
        String urgent = CdsHooksResourceTest.call(Ehr.record().condition(ICD10CM, "M51.17").condition(ICD10CM, "M21.372"))
                .statusCode(200).extract().path("cards[0].uuid");

        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"accepted","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "acceptedSuggestions":[{"id":"00000000-0000-0000-0000-000000000000"}]}]}""".formatted(card))
                .when().post(FEEDBACK).then().statusCode(400)
                .body("errors[0].field", equalTo("feedback[0].acceptedSuggestions[0].id"));
        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "acceptedSuggestions":[{"id":"00000000-0000-0000-0000-000000000000"}]}]}""".formatted(urgent))
                .when().post(FEEDBACK).then().statusCode(400)
                .body("errors[0].field", equalTo("feedback[0].acceptedSuggestions"));
        assertTrue(cards.feedbackOn(card).isEmpty() && cards.feedbackOn(urgent).isEmpty());
    }

    private Assessment answerFor(Ehr ehr) {
        FhirReading reading = ehr.read(rules.current().codes(), clock.getZone(), LocalDate.now(clock));
        return reading.candidates().stream().map(rules::assess).max(Assessment.MOST_CAUTIOUS).orElseThrow();
    }

    /** Rule to a count of the statistics, every rule of the serving set listed. */
    private static Map<String, Integer> counts(String count) {
        List<Map<String, Object>> uses = given().when().get("/api/v1/ruleset/statistics").then().statusCode(200)
                .extract().path("rules");
        Map<String, Integer> counts = new HashMap<>();
        uses.forEach(u -> counts.put((String) u.get("rule"), (Integer) u.get(count)));
        return counts;
    }

    @Test
    void everyCardOffersTheOverrideReasonsFittingItsLevel() {
        CdsHooksResourceTest.call(Ehr.record().condition(ICD10CM, "G57.02").painScore(4, 2)).statusCode(200)
                .body("cards[0].indicator", equalTo("info"))
                .body("cards[0].overrideReasons.code", contains(OverrideReason.fitting(Verdict.SUITABLE).stream()
                        .map(OverrideReason::code).toArray()))
                .body("cards[0].overrideReasons.code", hasItem("not-applicable"))
                .body("cards[0].overrideReasons.display", everyItem(not(emptyOrNullString())));
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
