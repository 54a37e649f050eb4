package org.acupressurecds.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.acupressurecds.ruleset.CopiedRules;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A rule author whose edit was refused sees on the rules page what was wrong (file, line, message) while the last
 * good rules serve on; and beside each rule, the words of the guide it cites.
 */
@QuarkusTest
@TestProfile(CopiedRules.class)
class RejectedReloadPageTest extends InBrowser {

    @TestHTTPResource("/rules.html")
    URL page;

    @Test
    void theProblemsOfARefusedReloadAreShownBesideTheRulesThatServeOn() throws Exception {
        Path positions = CopiedRules.folder().resolve("positions.drl");
        String original = Files.readString(positions);
        try {
            Files.writeString(positions, original.replace("PatientFacts( sedentaryWork == true )",
                    "PatientFacts( sedentryWork == true )"));
            given().contentType("application/json").when().post("/api/v1/ruleset/reload").then().statusCode(422);

            browser.get(page.toString());
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("last-reload")).isDisplayed());

            WebElement problem = browser.findElement(By.cssSelector("#reload-problems li"));
            assertTrue(problem.getText().matches("\\S*/positions\\.drl:\\d+: .*sedentryWork.*"), problem.getText());
            assertTrue(browser.findElement(By.id("last-reload-summary")).getText().startsWith("The last reload"));
        } finally {
            Files.writeString(positions, original);
            given().contentType("application/json").when().post("/api/v1/ruleset/reload").then().statusCode(200);
        }
    }

    @Test
    void eachRuleStandsBesideTheGuideTextItCites() {
        browser.get(page.toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#catalogue tbody tr")).size() > 50);

        WebElement row = browser.findElements(By.cssSelector("#catalogue tbody tr")).stream()
                .filter(r -> r.findElements(By.tagName("td")).get(2).getText()
                        .equals("When NOT to Use an Acupressure Mat for Sciatica > General rule"))
                .findFirst().orElseThrow();
        assertTrue(row.findElement(By.cssSelector("td.cites")).getText().startsWith("General rule: If sciatica is accompanied"),
                row.getText());
        assertFalse(browser.findElements(By.cssSelector("#uncited li")).isEmpty(), "the guide's coverage is shown");
    }
}
