package org.acupressurecds.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import org.acupressurecds.MissingPart;
import org.acupressurecds.security.CodeFlow;
import org.acupressurecds.security.KeycloakResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Outside dev mode, people sign in with a real identity provider (Keycloak): the page by the code flow, the API by token. */
@QuarkusTest
@TestProfile(CodeFlow.class)
class SignInTest {

    private static final String PATIENT = "{\"sciaticaType\":\"PIRIFORMIS_SYNDROME\",\"redFlags\":[]}";

    @TestHTTPResource("/")
    URL page;

    @BeforeEach
    void needsKeycloak() {
        MissingPart.require(KeycloakResource.available(), "Keycloak needs a Java 21+ JDK (KEYCLOAK_JAVA_HOME)");
    }

    @Test
    void thePageRedirectsToSignIn() {
        given().redirects().follow(false).accept("text/html").when().get("/").then()
                .statusCode(302)
                .header("Location", startsWith(KeycloakResource.url + "/realms/cds/protocol/openid-connect/auth"));
    }

    @Test
    void anApiCallWithoutATokenIsA401ProblemNotARedirect() {
        given().redirects().follow(false).contentType("application/json").body(PATIENT)
                .when().post("/api/v1/assessments").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().redirects().follow(false).when().get("/api/v1/ruleset").then().statusCode(401);
    }

    @Test
    void keycloakTokensCarryTheRoles() throws Exception {
        String clinician = KeycloakResource.token("clin", "clin-pass");
        String author = KeycloakResource.token("author", "author-pass");

        given().header("Authorization", "Bearer " + clinician).contentType("application/json").body(PATIENT)
                .when().post("/api/v1/assessments").then().statusCode(200).body("verdict", equalTo("SUITABLE"));
        given().header("Authorization", "Bearer " + author).contentType("application/json").body(PATIENT)
                .when().post("/api/v1/assessments").then().statusCode(403);
        given().header("Authorization", "Bearer " + author).when().get("/api/v1/ruleset").then().statusCode(200);
        given().header("Authorization", "Bearer " + clinician).when().get("/api/v1/ruleset").then().statusCode(403);
    }

    @Test
    void aClinicianSignsInAndChecksAPatientOnThePage() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(page.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> !d.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys("clin");
            browser.findElement(By.id("password")).sendKeys("clin-pass", Keys.ENTER);

            wait.until(d -> !d.findElements(By.cssSelector("form#assessment")).isEmpty());
            browser.findElement(By.cssSelector("input[value=PIRIFORMIS_SYNDROME]")).sendKeys(Keys.SPACE);
            browser.findElement(By.id("screened")).sendKeys(Keys.SPACE);
            browser.findElement(By.cssSelector("button[type=submit]")).sendKeys(Keys.ENTER);

            wait.until(d -> d.findElement(By.id("result")).isDisplayed());
            assertEquals("SUITABLE", browser.findElement(By.cssSelector(".verdict")).getDomAttribute("data-verdict"));
            assertFalse(browser.findElement(By.id("open-mode")).isDisplayed(), "signed in: no open-mode banner");
        } finally {
            browser.quit();
        }
    }
}
