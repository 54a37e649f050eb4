package org.acupressurecds.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.acupressurecds.knowledge.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A physiotherapist checks patients in a real browser, with the keyboard, and prints a plan. */
@QuarkusTest
class PhysiotherapistPageTest extends InBrowser {

    @TestHTTPResource("/")
    URL page;

    @BeforeEach
    void screenMedia() {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    private void open(String query) {
        browser.get(page + query);
    }

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    /** Ticks a box or picks a radio button the way a keyboard user does: focus it, press space. */
    private void press(String css) {
        find(css).sendKeys(Keys.SPACE);
    }

    private void submitWithEnter() {
        find("button[type=submit]").sendKeys(Keys.ENTER);
    }

    private WebElement awaitResult() {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> find("#result").isDisplayed());
        return find("#result");
    }

    @Test
    void withoutSignInThePageSaysSoInABanner() {
        open("");

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> find("#open-mode").isDisplayed());
        assertTrue(find("#open-mode").getText().startsWith("Development mode: no sign-in."));
    }

    @Test
    void suitablePiriformisPatientGetsPositionsAndTheWeeklyProtocol() throws Exception {
        open("");
        press("input[value=PIRIFORMIS_SYNDROME]");
        new Select(find("#painScore")).selectByValue("5");
        new Select(find("#laterality")).selectByValue("LEFT");
        new Select(find("#sedentaryWork")).selectByValue("true");
        new Select(find("#spinalSurgery")).selectByValue("false");
        press("#screened");
        submitWithEnter();

        WebElement result = awaitResult();
        assertEquals("SUITABLE", find(".verdict").getDomAttribute("data-verdict"));
        assertTrue(find("#verdict-heading").getText().contains("Acupressure mat suitable"));
        assertTrue(find(".expected").getText().contains("★★★★★"));
        // The plan's words are the rules' (pinned by their scenarios): the page shows the API's answer for the form.
        ExtractableResponse<Response> api = given().contentType("application/json").body("""
                {"sciaticaType":"PIRIFORMIS_SYNDROME","redFlags":[],"painScore":5,"laterality":"LEFT",
                 "sedentaryWork":true,"spinalSurgery":false}""").when().post("/api/v1/assessments").then()
                .statusCode(200).extract();
        List<String> names = api.path("positions.name");
        List<String> sides = api.path("positions.side");
        List<String> headings = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            headings.add(names.get(i) + (sides.get(i) == null ? "" : " (" + Map.of("LEFT", "left side", "RIGHT",
                    "right side", "BILATERAL", "each side").get(sides.get(i)) + ")"));
        }
        assertEquals(3, headings.size());
        assertEquals(headings, all(".positions > li > h4").stream().map(WebElement::getText).toList());
        assertTrue(find(".positions > li").getText().contains("Duration: " + api.path("positions[0].duration")));
        assertEquals(6, all(".protocol tbody tr").size());
        assertTrue(all(".protocol tbody tr").get(2).getText().contains(api.path("protocol[2].positions")));
        assertEquals(2, all(".warnings li").size());
        assertTrue(find(".version").getText().matches("Rule set [0-9a-f]{16}, assessed \\d{4}-\\d{2}-\\d{2}\\."));
        assertEquals(result, browser.switchTo().activeElement(), "focus moves to the answer");
        assertTrue(all(".not-screened").isEmpty());
        assertFalse(find("#result").getText().contains("spinal surgery"), "surgery was ruled out, so it is not asked");
        Files.write(Browser.screenshotsDir().resolve("suitable-piriformis.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void caudaEquinaSignShowsTheEmergencyActionAndNoPlan() {
        open("");
        press("input[value=DISC_HERNIATION]");
        press("input[value=BLADDER_DYSFUNCTION]");
        press("#screened");
        submitWithEnter();

        awaitResult();
        assertEquals("EMERGENCY", find(".verdict").getDomAttribute("data-verdict"));
        assertEquals(Verdict.EMERGENCY.icon() + " " + Verdict.EMERGENCY.heading(), find("#verdict-heading").getText(),
                "said in words, not only by colour, from the service's table of verdict words");
        assertTrue(find(".action").getText().startsWith("Send the patient to the emergency department now"));
        assertTrue(all(".plan").isEmpty());
        assertTrue(find(".no-plan").getText().contains("This is not a therapy plan"));
    }

    @Test
    void aSurgeryDateInTheFutureIsRejectedWithAClearMessageAtTheField() {
        open("");
        press("input[value=LUMBAR_PARASPINAL_TENSION]");
        browser.executeScript("document.getElementById('spinalSurgeryDate').value = arguments[0]",
                LocalDate.now().plusDays(3).toString());
        press("#screened");
        submitWithEnter();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> find("#spinalSurgeryDate-error").isDisplayed());
        assertTrue(find("#spinalSurgeryDate-error").getText().startsWith("Spinal surgery date must not be after the assessment date"));
        assertEquals("true", find("#spinalSurgeryDate").getDomAttribute("aria-invalid"));
        assertTrue(find("#form-problems").isDisplayed());
        assertFalse(find("#result").isDisplayed());
    }

    @Test
    void withoutATypeTheServiceSaysTheTypeIsRequired() {
        open("");
        press("#screened");
        submitWithEnter();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> find("#sciaticaType-error").isDisplayed());
        assertEquals("Sciatica type is required", find("#sciaticaType-error").getText().replace("✗ ", ""));
    }

    @Test
    void aCardsLinkThatPreTicksFootDropIsAssessedAndSaysTheRedFlagsWereNotScreened() {
        open("?sciaticaType=PIRIFORMIS_SYNDROME&redFlags=FOOT_DROP");
        submitWithEnter();

        awaitResult();
        assertEquals("URGENT_REFERRAL", find(".verdict").getDomAttribute("data-verdict"));
        assertTrue(find(".not-screened").getText().startsWith("The red flags were not screened."));
    }

    @Test
    void anUnscreenedPatientGetsAnAnswerThatHoldsOnlyIfTheScreeningIsNegative() {
        open("?sciaticaType=LUMBAR_PARASPINAL_TENSION&painScore=3");
        submitWithEnter();

        awaitResult();
        assertTrue(find(".not-screened").getText().contains("holds only if the screening is negative"));
        assertTrue(find(".missing").getText().contains("No red-flag screening is recorded"));
    }

    @Test
    void linkPrefillsTheFormWithTheApisFieldNamesAndSaysWhatItCannotTake() {
        open("?sciaticaType=DISC_HERNIATION&painScore=9&redFlags=FOOT_DROP,NUMB&laterality=RIGHT&referredLegPain=true");

        assertTrue(find("input[value=DISC_HERNIATION]").isSelected());
        assertEquals("9", new Select(find("#painScore")).getFirstSelectedOption().getDomAttribute("value"));
        assertEquals("RIGHT", new Select(find("#laterality")).getFirstSelectedOption().getDomAttribute("value"));
        assertTrue(find("input[value=FOOT_DROP]").isSelected());
        assertEquals("true", new Select(find("#referredLegPain")).getFirstSelectedOption().getDomAttribute("value"));
        assertFalse(find("#screened").isSelected(), "a link is not a red-flag screening");
        assertTrue(find("#link-problems").getText().contains("Red flags: \"NUMB\" is not a known red flag."));

        open("?painScore=11");
        assertTrue(find("#link-problems").getText().contains("Pain score: \"11\" is not one of the choices."));
    }

    /** Beside the print, the plan as the EHR would take it: a FHIR CarePlan file, valid R4; none without a plan. */
    @Test
    void thePlanDownloadsAsAValidFhirCarePlan() throws Exception {
        open("?sciaticaType=DISC_HERNIATION&painScore=4&laterality=LEFT");
        press("#screened");
        submitWithEnter();
        awaitResult();
        assertTrue(find("#download-plan").isEnabled(), "a plan can be downloaded");

        find("#download-plan").click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> String.valueOf(find("#plan-file")
                .getDomAttribute("href")).startsWith("blob:"));
        String plan = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1]; "
                + "fetch(document.getElementById('plan-file').href).then(r => r.text()).then(done);");

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan);
        assertEquals(List.of("CarePlan", "draft", "proposal"), List.of(json.path("resourceType").asText(),
                json.path("status").asText(), json.path("intent").asText()));
        assertEquals("acupressure-mat-plan.json", find("#plan-file").getDomAttribute("download"));
        assertEquals(List.of(), org.acupressurecds.cdshooks.R4Validator.errors(plan), plan);

        open("?sciaticaType=DISC_HERNIATION&redFlags=FOOT_DROP");
        press("#screened");
        submitWithEnter();
        awaitResult();
        assertFalse(find("#download-plan").isEnabled(), "no plan after a red flag, nothing to download");
    }

    @Test
    void printViewIsTheCleanPatientPlanOnTwoPagesAtMost() throws Exception {
        open("?sciaticaType=DISC_HERNIATION&painScore=4&laterality=LEFT&sedentaryWork=true&referredLegPain=true");
        press("#screened");
        submitWithEnter();
        awaitResult();

        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertFalse(find("#assessment").isDisplayed(), "the form is not printed");
        assertFalse(find(".reasons").isDisplayed(), "the clinician's reasons are not printed");
        assertTrue(find(".plan h2.print-only").isDisplayed());
        assertTrue(find(".protocol").isDisplayed());
        assertTrue(find(".warnings").isDisplayed(), "when to stop and seek care is printed");
        assertTrue(all(".plan h3").stream().anyMatch(h -> h.getText().equals("Choosing a mat") && h.isDisplayed()),
                "the mat guidance is printed");
        assertFalse(find("#print-empty").isDisplayed());

        PrintOptions a4 = new PrintOptions();
        a4.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder().decode(browser.print(a4).getContent());
        Files.write(Browser.screenshotsDir().resolve("patient-plan.pdf"), pdf);
        long pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).results().count();
        assertTrue(pages >= 1 && pages <= 2, "printed on " + pages + " pages");
    }

    @Test
    void beforeAnAnswerThereIsNothingToPrintAndThePageSaysSo() {
        open("?sciaticaType=PIRIFORMIS_SYNDROME");
        assertFalse(find("#print").isEnabled(), "print waits for an answer");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertTrue(find("#print-empty").isDisplayed(), "a print before an answer is not a blank page");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

        press("#screened");
        submitWithEnter();
        awaitResult();
        assertTrue(find("#print").isEnabled());
        io.restassured.RestAssured.given().when().get("/favicon.ico").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("icon"));
    }

    @Test
    void aRedFlagPrintsNoTherapyPlan() {
        open("?sciaticaType=PIRIFORMIS_SYNDROME&redFlags=FOOT_DROP");
        press("#screened");
        submitWithEnter();
        awaitResult();

        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertTrue(find(".action").isDisplayed());
        assertTrue(find(".no-plan").isDisplayed());
        assertTrue(all(".plan").isEmpty());
    }

    @Test
    void everyControlHasALabelAndThePageReflowsAt200PercentZoom() {
        open("");
        Object unlabelled = browser.executeScript(
                "return [...document.querySelectorAll('input, select, button')]"
                        + ".filter(c => c.type !== 'submit' && c.labels.length === 0 && !c.getAttribute('aria-label')).length");
        assertEquals(0L, unlabelled);

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(600, 1000)); // 1200 px at 200%
        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1600));
        assertEquals(false, overflow, "no horizontal scrolling at 200% zoom");
    }
}
