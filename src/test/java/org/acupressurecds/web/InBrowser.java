package org.acupressurecds.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/** A page test's headless Chromium, one for the test class (Browser says how it starts, or why it is skipped). */
abstract class InBrowser {

    static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
