package org.acupressurecds.engine;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RuleSetReadinessTest {

    @Test
    void readyWithTheVersionOfTheServingRuleSet() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("rule-set"))
                .body("checks.find { it.name == 'rule-set' }.data.version", matchesPattern("[0-9a-f]{16}"));
    }
}
