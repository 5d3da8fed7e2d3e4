package io.lockstep.cli.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's chromium, headless, through the system's chromedriver: paths are explicit so Selenium
 * Manager never runs and nothing is downloaded. Without chromium the browser tests are skipped with a
 * message, unless LOCKSTEP_REQUIRE_BROWSER is set (CI sets it), in which case they fail.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BROWSER = Path.of(System.getenv().getOrDefault("LOCKSTEP_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("LOCKSTEP_CHROMEDRIVER", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path screenshots;
    private int shot;

    private HeadlessChromium(Path profile, Path screenshots) {
        this.screenshots = screenshots;
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1600,1000", "--user-data-dir=" + profile.resolve("profile"));
        this.driver = new ChromeDriver(service, options);
    }

    /** Skips (or, with LOCKSTEP_REQUIRE_BROWSER set, fails) when the browser or its driver is missing. */
    static void assumeInstalled() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present && System.getenv("LOCKSTEP_REQUIRE_BROWSER") != null) {
            throw new AssertionError("LOCKSTEP_REQUIRE_BROWSER is set but " + BROWSER + " or " + DRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: " + BROWSER + " or " + DRIVER
                + " not installed (apt-get install chromium chromium-driver; set LOCKSTEP_REQUIRE_BROWSER=1 to make this a failure)");
    }

    static HeadlessChromium start(Path workDir, Path screenshots) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HeadlessChromium(workDir, screenshots);
    }

    /** Writes a numbered PNG of the page, e.g. {@code 03-mission-drawn.png}. */
    Path screenshot(String name) {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
