package io.reprotect.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.TaskState;
import io.reprotect.job.Versioned;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
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
    @Inject
    JobStore jobs;

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
        String card = "#running article[data-job-id='" + job + "']";
        assertThat(count(card + " table.tasks tbody tr")).as("one row per task").isEqualTo(8);
        assertThat(text(card + " tr[data-task='validate-prerequisites']")).as("a finished task shows its state")
                .contains("Succeeded");
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
        given().get("/protected-items/" + item + "/rpo-history").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.hasSize(1))
                .body("value[0].cycle", org.hamcrest.Matchers.equalTo(1))
                .body("value[0].recoveryPointTaken", org.hamcrest.Matchers.equalTo(true))
                .body("value[0].rpoSeconds", org.hamcrest.Matchers.lessThan(60))
                .body("maxSamples", org.hamcrest.Matchers.equalTo(288))
                .body("rpoWarningSeconds", org.hamcrest.Matchers.equalTo(1800));

        openConsole();
        String card = "article[data-item-id='" + item + "']";
        new WebDriverWait(browser.driver, WAIT).until(d -> count(card) == 1);
        assertThat(text(card + " h3")).contains("app01").contains("Normal");
        assertThat(text(card + " .rpo-now")).as("RPO now").matches("\\d+ (s|min( \\d+ s)?|h( \\d+ min)?)");
        assertThat(text(card)).contains("CrashConsistentPerDisk").contains("DisableProtection");
        assertThat(count(card + " .rp-timeline circle.rp-crash")).as("one marker per point").isEqualTo(points);
        assertThat(count(card + " .rp-timeline path.rp-app")).as("no application-consistent point").isZero();
        assertThat(count(card + " .rpo-chart circle.rpo-sample")).as("the cycle's recorded RPO").isEqualTo(1);
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
        String row = "#recent tr[data-job-id='" + job + "']";
        new WebDriverWait(browser.driver, WAIT).until(d -> count(row) == 1);
        assertThat(text(row)).contains("Failed").contains("VmNotFound").contains("Recommended action: " + action);
        screenshot("console-failed.png");
    }

    @Test
    void markupInAnAzureErrorIsShownAsTextAndNeverRuns() {
        String job = submit("/subscriptions/00000000-0000-0000-0000-0000000a4e00/resourceGroups/app-rg-asr/providers/"
                + "Microsoft.Compute/virtualMachines/ghost-" + UUID.randomUUID().toString().substring(0, 8));
        String hostile = "<img src=x onerror=\"document.title='pwned'\">";
        // an error as an Azure message could carry it: the job record is written as a stage would end it
        Versioned<Job> current = jobs.get(job).orElseThrow();
        Job failed = current.value().withTask("validate-prerequisites", t -> t.withError(JobError.of("Injected",
                "Azure said " + hostile, "a cause <script>document.title='pwned'</script>", "Do <b>this</b> " + hostile)
                .at(Instant.now())).ended(TaskState.Failed, Instant.now())).withState(JobState.Failed).withoutPending();
        jobs.update(failed, current.etag());
        jobs.releaseVm(failed);

        openConsole();
        String row = "#recent tr[data-job-id='" + job + "']";
        new WebDriverWait(browser.driver, WAIT).until(d -> count(row) == 1);
        assertThat(text(row)).contains("Azure said " + hostile).contains("Recommended action: Do <b>this</b>")
                .contains("<script>");
        assertThat(count(row + " img, " + row + " b, " + row + " script")).as("no element made from the text").isZero();
        assertThat(count("img")).isZero();
        assertThat(browser.driver.getTitle()).isEqualTo("vm-reprotect console");
    }

    @Test
    void theRpoHistoryOfAnUnknownItemIs404() {
        given().get("/protected-items/0123456789abcdef0123456789abcdef/rpo-history").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theConsoleIsAPageThatAllowsOnlyItsOwnScriptAndNeverPassesTheKeyOn() {
        given().accept("text/html").get("/console").then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'sha256-"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("connect-src 'self'"))
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                // nothing loaded from anywhere: no linked style sheet, script, image, font or import
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<link")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("src=")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("url(")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("@import")));
    }

    // ---------- the browser ----------

    private static void openConsole() {
        String root = RestAssured.basePath.replaceAll("^/+|/+$", "");
        browser.driver.get(RestAssured.baseURI + ":" + RestAssured.port + "/" + root + "/console?code=" + KEY);
        new WebDriverWait(browser.driver, WAIT).until(d -> d.findElement(By.id("status")).getText().startsWith("Updated"));
    }

    // Each read is one script, run between two of the page's refreshes, which replace what they show.

    /** The job's bar as the browser shows it, or -1 while the job is not shown. */
    private static int barValue(String jobId) {
        Object value = browser.driver.executeScript("const bar = document.querySelector(arguments[0]);"
                + " return bar ? Number(bar.getAttribute('value')) : -1;",
                "#running article[data-job-id='" + jobId + "'] progress.job-progress");
        return ((Number) value).intValue();
    }

    /** The text a person sees in the first element that matches, or "" when none does. */
    private static String text(String selector) {
        return (String) browser.driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", selector);
    }

    private static int count(String selector) {
        return ((Number) browser.driver.executeScript("return document.querySelectorAll(arguments[0]).length;", selector))
                .intValue();
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
        String state = state(jobId); // a replication cycle's record is written when the cycle ends: none until then
        return state != null && List.of("Succeeded", "Failed", "Cancelled").contains(state);
    }
}
