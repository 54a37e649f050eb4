package org.acupressurecds.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A rule author sees every rule beside what it did in real decisions, with the verdicts per day as a chart. */
@QuarkusTest
class RuleAuthorsPageTest extends InBrowser {

    @TestHTTPResource("/rules.html")
    URL page;

    @Test
    void theCatalogueTheStatisticsOfRealDecisionsAndTheChartAreShown() {
        given().contentType("application/json")
                .body("{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[],\"painScore\":3}")
                .when().post("/api/v1/assessments").then().statusCode(200);

        browser.get(page.toString());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(
                By.cssSelector("#statistics tr[data-rule='Sciatica with no finding against the mat is suitable']")).isEmpty());

        assertTrue(browser.findElements(By.cssSelector("#catalogue tbody tr")).size() > 50, "every rule is listed");
        assertTrue(browser.findElement(By.id("serving")).getText().startsWith("Version "));
        assertFalse(browser.findElements(By.cssSelector("#chart rect[data-verdict='SUITABLE']")).isEmpty(),
                "the day's suitable verdicts are a bar");
        assertFalse(browser.findElements(By.cssSelector("#per-version tbody tr")).isEmpty());
    }
}
