package io.reprotect.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver (both from the distribution's packages:
 * {@code apt-get install chromium chromium-driver}), with a fresh profile, nothing fetched from the
 * internet by the browser itself.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int STARTS = 3;

    final ChromeDriver driver;
    private final Path profile;

    Browser() {
        for (Path tool : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(tool)) {
                throw new IllegalStateException(tool + " is missing: apt-get install -y chromium chromium-driver");
            }
        }
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = start(profile);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /**
     * Starts the browser; on a loaded machine Chromium may not answer chromedriver in time
     * ("DevToolsActivePort file doesn't exist"), so a start is tried {@link #STARTS} times.
     */
    private static ChromeDriver start(Path profile) {
        org.openqa.selenium.SessionNotCreatedException last = null;
        for (int attempt = 1; attempt <= STARTS; attempt++) {
            try {
                return new ChromeDriver(service(), options(profile.resolve("start-" + attempt))); // fresh each time
            } catch (org.openqa.selenium.SessionNotCreatedException e) {
                last = e;
            }
        }
        throw last;
    }

    private static ChromeDriverService service() {
        return new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(120)).build();
    }

    private static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        return options;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
