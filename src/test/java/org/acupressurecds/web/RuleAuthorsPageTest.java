package org.acupressurecds.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.acupressurecds.cdshooks.CdsHooksResourceTest;
import org.acupressurecds.cdshooks.Ehr;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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

    /** An override shows against the rules that decided, with its reason in words and the facts of an example. */
    @Test
    void anOverrideShowsAgainstTheDecidingRulesWithItsReasonInWords() {
        String card = CdsHooksResourceTest.call(Ehr.record().condition(Ehr.ICD10CM, "M51.16")
                .condition(Ehr.ICD10CM, "M21.371")).statusCode(200).extract().path("cards[0].uuid");
        given().contentType("application/json").body("""
                {"feedback":[{"card":"%s","outcome":"overridden","outcomeTimestamp":"2026-11-24T10:15:00Z",
                  "overrideReason":{"reason":{"system":"https://acupressure-cds.org/fhir/CodeSystem/override-reason",
                  "code":"patient-declined"}}}]}""".formatted(card))
                .when().post("/cds-services/acupressure-mat-sciatica/feedback").then().statusCode(200);

        browser.get(page.toString());
        By overriddenAsDeclined = By.xpath("//table[@id='statistics']//tr[.//details][contains(., 'The patient declined: ')]");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(overriddenAsDeclined).isEmpty());

        WebElement row = browser.findElement(overriddenAsDeclined);
        row.findElement(By.tagName("summary")).click();
        assertTrue(row.findElement(By.cssSelector("details li code")).getText().contains("\"sciaticaType\""),
                row.getText());
    }
}
