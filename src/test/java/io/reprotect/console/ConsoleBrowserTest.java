package io.reprotect.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.arm.LocalArmLifecycle;
import io.reprotect.local.queue.LocalFunctionHost;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's console in a real browser (headless Chromium), against the app with its local
 * stand-ins: what an operator sees of a protected VM, of a running job and of a failed one.
 */
@QuarkusTest
class ConsoleBrowserTest {

    /** The demo is seeded in this served subscription, apart from the one other tests reprotect. */
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
    static final String KEY = "console-test-key";
    static final Duration WAIT = Duration.ofSeconds(30);

    static Browser browser;

    @Inject
    LocalFunctionHost host;
    @Inject
    LocalArmLifecycle arm;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @Test
    void aRunningJobsProgressBarMovesWhileItRuns() throws Exception {
        String vmId = demoVm();
        String job = submit(vmId);
        openConsole();

        int before = new WebDriverWait(browser.driver, WAIT).until(d -> barValue(job) >= 0 ? barValue(job) : null);
        host.runUntil(() -> percent(job) > before || ended(job), 500, Duration.ofMillis(50));
        assertThat(ended(job)).as("the job still runs after its first stages").isFalse();
        int after = new WebDriverWait(browser.driver, WAIT).until(d -> barValue(job) > before ? barValue(job) : null);
        assertThat(after).as("the bar moved on without a reload").isGreaterThan(before);
        screenshot("console-running.png");
        WebElement card = card(job);
        assertThat(card.findElements(By.cssSelector("table.tasks tbody tr"))).as("one row per task").hasSize(8);
        assertThat(card.findElement(By.cssSelector("tr[data-task='validate-prerequisites']")).getText())
                .as("a finished task shows its state").contains("Succeeded");
        assertThat(FunctionKeysSeen.CALLS).as("the console called the API with the key it was opened with")
                .anyMatch(call -> call.matches("/jobs .*" + KEY)).anyMatch(call -> call.startsWith("/protected-items ")
                        && call.endsWith(KEY));

        host.runUntil(() -> ended(job), 2000, Duration.ofMillis(50));
        assertThat(state(job)).isEqualTo("Succeeded");
        disable(itemOf(job));
    }

    @Test
    void theDemosProtectedVmShowsWithItsRpoAndRecoveryPoints() throws Exception {
        String vmId = demoVm();
        String job = submit(vmId);
        host.runUntil(() -> ended(job), 2000, Duration.ofMillis(50));
        String item = itemOf(job);
        String cycle = given().get("/protected-items/" + item).then().extract().path("nextCycleJobId");
        host.runUntil(() -> ended(cycle), 500, Duration.ofMillis(50));
        int points = given().get("/protected-items/" + item + "/recovery-points").then().statusCode(200)
                .extract().jsonPath().getList("value").size();
        assertThat(points).as("reprotect's point and the cycle's").isEqualTo(2);

        openConsole();
        WebElement card = new WebDriverWait(browser.driver, WAIT)
                .until(d -> d.findElements(By.cssSelector("article[data-item-id='" + item + "']")).stream().findFirst()
                        .orElse(null));
        assertThat(card.findElement(By.cssSelector("h3")).getText()).contains("app01").contains("Normal");
        assertThat(card.findElement(By.cssSelector(".rpo-now")).getAttribute("data-rpo-seconds")).as("RPO now").isNotBlank();
        assertThat(card.findElement(By.cssSelector(".rpo-now")).getText()).matches("\\d+ (s|min \\d+ s|h \\d+ min)");
        assertThat(card.getText()).contains("CrashConsistentPerDisk").contains("DisableProtection");
        assertThat(card.findElements(By.cssSelector(".rp-timeline circle.rp-crash"))).as("one marker per point")
                .hasSize(points);
        assertThat(card.findElements(By.cssSelector(".rp-timeline path.rp-app"))).as("no application-consistent point").isEmpty();
        assertThat(card.findElements(By.cssSelector(".rpo-chart circle.rpo-sample"))).as("the cycle's recorded RPO")
                .hasSize(1);
        screenshot("console.png");

        disable(item);
    }

    @Test
    void aFailedJobShowsItsRecommendedAction() throws Exception {
        String vmId = "/subscriptions/00000000-0000-0000-0000-0000000a4e00/resourceGroups/app-rg-asr/providers/"
                + "Microsoft.Compute/virtualMachines/ghost-" + UUID.randomUUID().toString().substring(0, 8);
        String job = submit(vmId);
        host.runUntil(() -> ended(job), 200, Duration.ofMillis(20));
        JsonPath failed = given().get("/jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertThat(failed.getString("state")).isEqualTo("Failed");
        String action = failed.getString("tasks[0].errors[0].recommendedAction");

        openConsole();
        WebElement row = new WebDriverWait(browser.driver, WAIT)
                .until(d -> d.findElements(By.cssSelector("#recent tr[data-job-id='" + job + "']")).stream().findFirst()
                        .orElse(null));
        assertThat(row.getText()).contains("Failed").contains("VmNotFound").contains("Recommended action: " + action);
        screenshot("console-failed.png");
    }

    // ---------- the browser ----------

    private static void openConsole() {
        String root = RestAssured.basePath.replaceAll("^/+|/+$", "");
        browser.driver.get(RestAssured.baseURI + ":" + RestAssured.port + "/" + root + "/console?code=" + KEY);
        new WebDriverWait(browser.driver, WAIT).until(d -> d.findElement(By.id("status")).getText().startsWith("Updated"));
    }

    private static WebElement card(String jobId) {
        return browser.driver.findElement(By.cssSelector("#running article[data-job-id='" + jobId + "']"));
    }

    /** The job's bar as the browser shows it, or -1 while the job is not shown. */
    private static int barValue(String jobId) {
        List<WebElement> bars = browser.driver
                .findElements(By.cssSelector("#running article[data-job-id='" + jobId + "'] progress.job-progress"));
        return bars.isEmpty() ? -1 : Integer.parseInt(bars.get(0).getAttribute("value"));
    }

    private static void screenshot(String name) throws java.io.IOException {
        int height = Math.min(4000, ((Number) browser.driver.executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).intValue());
        // the whole page: a window as tall as the page, once the browser has resized it
        browser.driver.manage().window().setSize(new Dimension(1280, height + 200));
        new WebDriverWait(browser.driver, WAIT).until(d -> ((Number) browser.driver
                .executeScript("return window.innerHeight")).intValue() >= height);
        Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    // ---------- the API and the stand-ins ----------

    /** The demo's failed-over VM, seeded once in {@link #SUBSCRIPTION}. */
    private String demoVm() {
        String vmId = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/app-rg-asr/providers/Microsoft.Compute/virtualMachines/app01";
        synchronized (ConsoleBrowserTest.class) {
            if (arm.standIn().resource(vmId) == null) {
                DemoSeed.seed(arm.standIn(), SUBSCRIPTION);
            }
        }
        return vmId;
    }

    /** Starts a reprotect of the VM; first ends what an earlier run left (its protection, or its job). */
    private String submit(String vmId) {
        String body = "{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}";
        for (int attempt = 0; attempt < 3; attempt++) {
            var answer = given().contentType("application/json").body(body).post("/reprotect").then().extract();
            if (answer.statusCode() == 202) {
                return answer.path("id");
            }
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(409);
            String holder = answer.header("Location");
            if (holder.contains("/protected-items/")) {
                disable(holder.substring(holder.lastIndexOf('/') + 1));
            } else {
                String job = holder.replaceAll(".*/jobs/([^/?]+).*", "$1");
                host.runUntil(() -> ended(job), 2000, Duration.ofMillis(50));
            }
        }
        throw new AssertionError("the VM stays busy: " + vmId);
    }

    private void disable(String itemId) {
        String job = given().delete("/protected-items/" + itemId).then().statusCode(202).extract().path("id");
        host.runUntil(() -> ended(job), 500, Duration.ofMillis(50));
        assertThat(state(job)).isEqualTo("Succeeded");
    }

    private static String itemOf(String jobId) {
        return given().get("/jobs/" + jobId).then().extract().path("outputs.protectedItemId");
    }

    private static String state(String jobId) {
        return given().get("/jobs/" + jobId).then().extract().path("state");
    }

    private static int percent(String jobId) {
        Integer percent = given().get("/jobs/" + jobId).then().extract().path("progress.percent");
        return percent == null ? 0 : percent;
    }

    private static boolean ended(String jobId) {
        return List.of("Succeeded", "Failed", "Cancelled").contains(state(jobId));
    }
}
