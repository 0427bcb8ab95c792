package io.reprotect.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.Task;
import io.reprotect.plan.ActionRun;
import io.reprotect.plan.OperatorActions;
import io.reprotect.plan.PlanAction;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The console's recovery plans page in a real browser (headless Chromium): a running plan job's groups, items and
 * actions, and a manual action a person approves with a comment, by clicking.
 */
@QuarkusTest
class PlansConsoleBrowserTest {

    static final String KEY = "plans-console-key";
    static final Duration WAIT = Duration.ofSeconds(30);

    static Browser browser;

    @Inject
    OperatorActions actions;
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
    void aPersonApprovesAManualActionOfARunningPlanJobWithAComment() throws Exception {
        String jobId = UUID.randomUUID().toString();
        PlanAction confirm = new PlanAction("confirm-dns", PlanAction.Kind.MANUAL, null, null,
                "Check that app.contoso.com resolves to the front end in northeurope", Duration.ofMinutes(30), true);
        ActionRun run = actions.start(jobId, "g2/pre/confirm-dns", confirm, Instant.now());
        planJob(jobId, run);

        open("?job=" + jobId);
        String card = "#jobs article[data-job-id='" + jobId + "']";
        new WebDriverWait(browser.driver, WAIT).until(d -> count(card + " .plan-groups > li") == 3);
        assertThat(text(card + " li[data-group='1']")).contains("database").contains("Succeeded").contains("db01")
                .contains("notify-team").contains("SUCCEEDED");
        assertThat(text(card + " li[data-group='2']")).contains("app").contains("InProgress").contains("app01")
                .contains("confirm-dns").contains("RUNNING");
        assertThat(text(card + " li[data-group='3']")).contains("web").contains("NotStarted");
        String approval = "#approvals article[data-approval-id='" + run.approvalId() + "']";
        assertThat(text(approval)).contains("confirm-dns").contains(confirm.instructions());
        screenshot("console-plans.png");

        WebElement comment = browser.driver.findElement(By.cssSelector(approval + " input[type=text]"));
        comment.sendKeys("resolves to 10.2.0.10");
        browser.driver.findElement(By.cssSelector(approval + " button.approve")).click();
        new WebDriverWait(browser.driver, WAIT).until(d -> count(approval) == 0);

        given().get("/recovery-plans/approvals/" + run.approvalId()).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("Approved"))
                .body("comment", org.hamcrest.Matchers.equalTo("resolves to 10.2.0.10"));
        ActionRun approved = actions.check(run, confirm, Instant.now());
        assertThat(approved.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(approved.message()).contains("resolves to 10.2.0.10");
        assertThat(FunctionKeysSeen.CALLS).as("the page called the API with the key it was opened with")
                .anyMatch(call -> call.startsWith("/recovery-plans/approvals ") && call.endsWith(KEY));
    }

    @Test
    void thePageAllowsOnlyItsOwnScriptAndSaysWhenThereIsNoPlansApi() {
        given().accept("text/html").get("/console/plans").then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'sha256-"))
                .header("Referrer-Policy", "no-referrer")
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("src=")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<link")));
        open("");
        new WebDriverWait(browser.driver, WAIT).until(d -> !text("#plans").contains("Loading"));
        assertThat(text("#plans")).satisfiesAnyOf(t -> assertThat(t).contains("no recovery plans API"),
                t -> assertThat(t).contains("No recovery plan yet"), t -> assertThat(t).contains("group"));
        assertThat(browser.driver.findElement(By.id("problem")).isDisplayed()).isFalse();
    }

    /** A plan job's record as the plan job could write it: three groups, their items and actions. */
    private void planJob(String jobId, ActionRun confirm) {
        JsonNode plan = JobJson.MAPPER.valueToTree(Map.of("name", "demo-app", "groups", List.of(
                Map.of("name", "database", "state", "Succeeded",
                        "items", List.of(Map.of("vmId", vm("db01"), "state", "Succeeded", "jobId", "job-db01")),
                        "postActions", List.of(Map.of("name", "notify-team", "kind", "QUEUE", "status", "SUCCEEDED",
                                "message", "Message sent to queue plan-events"))),
                Map.of("name", "app", "state", "InProgress",
                        "items", List.of(Map.of("vmId", vm("app01"), "state", "NotStarted")),
                        "preActions", List.of(JobJson.MAPPER.valueToTree(confirm))),
                Map.of("name", "web", "state", "NotStarted",
                        "items", List.of(Map.of("vmId", vm("web01"), "state", "NotStarted"))))));
        Instant now = Instant.now();
        jobs.create(new Job(jobId, "planned-failover", vm("plan-" + jobId.substring(0, 8)), null, JobState.InProgress,
                List.of(Task.notStarted("create-failover-disks", "Create disks")), false, null, 0,
                Map.of("plan", plan), now, now));
    }

    private static String vm(String name) {
        return "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg-asr/providers/"
                + "Microsoft.Compute/virtualMachines/" + name;
    }

    private static void open(String query) {
        String root = RestAssured.basePath.replaceAll("^/+|/+$", "");
        browser.driver.get(RestAssured.baseURI + ":" + RestAssured.port + "/" + root + "/console/plans"
                + (query.isEmpty() ? "?code=" + KEY : query + "&code=" + KEY));
        new WebDriverWait(browser.driver, WAIT).until(d -> d.findElement(By.id("status")).getText().startsWith("Updated"));
    }

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
        browser.driver.manage().window().setSize(new Dimension(1280, height + 200));
        new WebDriverWait(browser.driver, WAIT).until(d -> ((Number) browser.driver
                .executeScript("return window.innerHeight")).intValue() >= height);
        Path shot = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));
    }
}
