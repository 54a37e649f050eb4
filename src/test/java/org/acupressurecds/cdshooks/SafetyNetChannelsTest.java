package org.acupressurecds.cdshooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import org.acupressurecds.ruleset.RulesFolder;
import org.acupressurecds.engine.RuleService;
import org.acupressurecds.engine.RuleSet;
import org.acupressurecds.engine.RuleSetLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind the gate, in every channel: rules that give a red-flag patient a plan (served here past the gate, as only a
 * bug could) have that plan withheld, and the rule set is shown faulty to its authors.
 */
@QuarkusTest
class SafetyNetChannelsTest {

    @Inject
    RuleService rules;

    private RuleSet serving;

    /** The red-flag rules fire only after a clinician's screening: red flags from an EHR record give a plan. */
    @BeforeEach
    void serveRulesThatIgnoreRedFlagsOnRecord(@TempDir Path copy) throws Exception {
        serving = rules.serve(new RuleSetLoader().load(RulesFolder.withRedFlagsBehind("redFlagsScreened == true",
                copy)));
    }

    @AfterEach
    void serveTheRealRulesAgain() {
        rules.serve(serving);
    }

    @Test
    void theApiWithholdsThePlanAndTheRuleSetIsFaulty() {
        given().contentType("application/json").body(Map.of("sciaticaType", "PIRIFORMIS_SYNDROME",
                        "redFlags", java.util.List.of("FOOT_DROP"), "redFlagsScreened", false))
                .when().post("/api/v1/assessments").then()
                .statusCode(200)
                .body("verdict", equalTo("URGENT_REFERRAL"))
                .body("positions", nullValue())
                .body("protocol", nullValue())
                .body("reasons[0].rule", startsWith("The service's safety check"));

        given().when().get("/api/v1/ruleset").then().statusCode(200)
                .body("faulty.interventions", greaterThanOrEqualTo(1))
                .body("faulty.invariants", hasItem("RED_FLAG"));
    }

    @Test
    void aCdsHooksCardForCaudaEquinaOnRecordIsCriticalWithoutAPlan() {
        CdsHooksResourceTest.oneCard(Ehr.record().condition(Ehr.ICD10CM, "M54.16").condition(Ehr.ICD10CM, "G83.4"),
                        "critical")
                .body("cards[0].summary", startsWith("Emergency: Send the patient to the emergency department now"))
                .body("cards[0].detail", not(org.hamcrest.Matchers.containsString("6-week protocol")));
    }
}
