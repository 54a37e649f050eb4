package org.acupressurecds.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.acupressurecds.MissingPart;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through its own chromedriver (Selenium downloads nothing). Where Chromium is
 * not installed the browser tests are skipped and say how to install it; in CI they must run.
 */
public final class Browser {

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() throws Exception {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed) {
            String how = "Browser tests need Chromium: apt-get install -y chromium chromium-driver (looked for "
                    + CHROMIUM + " and " + CHROMEDRIVER + ")";
            MissingPart.require(false, how);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
        // The flags the workplace's own Chromium check uses: headless, as root, on a machine with no internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,1600",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    public static Path screenshotsDir() throws Exception {
        return Files.createDirectories(Path.of("target/screenshots"));
    }
}
