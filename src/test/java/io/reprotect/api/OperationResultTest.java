package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.queue.LocalFunctionHost;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a Logic App's HTTP action sees behind the Functions front end: an absolute https Location
 * to poll, 202 + Retry-After while the job runs, and an answer that fails the action when the job
 * Failed or was Cancelled.
 */
@QuarkusTest
class OperationResultTest {

    static final String PUBLIC_HOST = "func-reprotect-abc123.azurewebsites.net";

    @Inject
    LocalFunctionHost host;

    /** A request as the Functions front end forwards it: the caller used https on the public host name. */
    static RequestSpecification behindTheFrontEnd() {
        return given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", PUBLIC_HOST);
    }

    /** Follows an absolute Location the way the poller would, against this test server. */
    static Response poll(String location) {
        return behindTheFrontEnd().get(URI.create(location).getPath().replaceFirst("^/api", ""));
    }

    static String submit(String vm) {
        Response accepted = behindTheFrontEnd().contentType("application/json")
                .body(ReprotectApiTest.request(vm, "")).post("/reprotect");
        accepted.then().statusCode(202);
        return accepted.header("Location");
    }

    @Test
    void locationIsTheAbsoluteHttpsOperationResultUrlBehindTheFunctionsHost() {
        Response accepted = behindTheFrontEnd().contentType("application/json")
                .body(ReprotectApiTest.request(ReprotectApiTest.uniqueVm(), "")).post("/reprotect");
        String id = accepted.then().statusCode(202).extract().path("id");
        assertThat(accepted.header("Location")).isEqualTo("https://" + PUBLIC_HOST + "/api/jobs/" + id + "/result");
        assertThat(accepted.header("Retry-After")).isEqualTo("10");
    }

    @Test
    void theHostHeaderNamesTheServerWhenNoForwardedHostIsSent() {
        Response accepted = given().header("X-Forwarded-Proto", "https").header("Host", "reprotect.contoso.com")
                .contentType("application/json").body(ReprotectApiTest.request(ReprotectApiTest.uniqueVm(), ""))
                .post("/reprotect");
        String id = accepted.then().statusCode(202).extract().path("id");
        assertThat(accepted.header("Location")).isEqualTo("https://reprotect.contoso.com/api/jobs/" + id + "/result");
    }

    /** Logic Apps re-sends only the Location URL when it polls: a key given as ?code= must stay on it. */
    @Test
    void aFunctionKeyGivenInTheQueryStaysOnTheLocationSoThePollerCanUseIt() {
        Response accepted = behindTheFrontEnd().queryParam("code", "key-abc==").contentType("application/json")
                .body(ReprotectApiTest.request(ReprotectApiTest.uniqueVm(), "")).post("/reprotect");
        String id = accepted.then().statusCode(202).extract().path("id");
        assertThat(accepted.header("Location"))
                .isEqualTo("https://" + PUBLIC_HOST + "/api/jobs/" + id + "/result?code=key-abc%3D%3D");
        behindTheFrontEnd().queryParam("code", "key-abc==").get("/jobs/" + id + "/result").then().statusCode(202)
                .header("Location", equalTo(accepted.header("Location")));
        // a key sent in the header is never echoed
        Response headerKey = behindTheFrontEnd().header("x-functions-key", "secret").contentType("application/json")
                .body(ReprotectApiTest.request(ReprotectApiTest.uniqueVm(), "")).post("/reprotect");
        assertThat(headerKey.header("Location")).doesNotContain("secret").doesNotContain("code=");
    }

    @Test
    void theOperationResultAnswers202WhileTheJobRunsPointingAtItself() {
        String location = submit(ReprotectApiTest.uniqueVm());
        poll(location).then().statusCode(202)
                .header("Location", equalTo(location))
                .header("Retry-After", equalTo("10"))
                .body("state", equalTo("NotStarted"));
    }

    @Test
    void aCancelledJobMakesThePollerFailWithA409Problem() {
        String location = submit(ReprotectApiTest.uniqueVm());
        String id = poll(location).then().extract().path("id");
        Response cancel = behindTheFrontEnd().post("/jobs/" + id + "/cancel");
        cancel.then().statusCode(202).header("Retry-After", equalTo("10"));
        assertThat(cancel.header("Location")).as("cancel polls the status view, which ends 200 when Cancelled")
                .isEqualTo("https://" + PUBLIC_HOST + "/api/jobs/" + id);
        host.runUntilIdle(200, Duration.ofMillis(20));

        poll(location).then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("type", org.hamcrest.Matchers.endsWith("#job-cancelled"))
                .body("jobId", equalTo(id))
                .body("state", equalTo("Cancelled"))
                .body("error.code", equalTo("JobCancelled"));
        poll(cancel.header("Location")).then().statusCode(200).body("state", equalTo("Cancelled"));
    }

    @Test
    void aFailedJobMakesThePollerFailWithA422ProblemNamingTheTaskAndErrorAndResumeAnswersTheResultUrl() {
        String location = submit("ghost-" + ReprotectApiTest.uniqueVm());
        host.runUntilIdle(200, Duration.ofMillis(20));

        Response failed = poll(location);
        failed.then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("type", org.hamcrest.Matchers.endsWith("#job-failed"))
                .body("state", equalTo("Failed"))
                .body("failedTask", equalTo("validate-prerequisites"))
                .body("errors.code", hasItem("VmNotFound"))
                // what an Azure SDK poller (core-lro) reads from a failed operation
                .body("error.code", equalTo("VmNotFound"))
                .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("detail", org.hamcrest.Matchers.containsString("validate-prerequisites"));
        String id = failed.path("jobId");
        // the status view still answers 200 with the job: it is the view for people, not for pollers
        behindTheFrontEnd().get("/jobs/" + id).then().statusCode(200).body("state", equalTo("Failed"));

        Response resumed = behindTheFrontEnd().post("/jobs/" + id + "/resume");
        resumed.then().statusCode(202).header("Retry-After", equalTo("10"));
        assertThat(resumed.header("Location")).isEqualTo(location);
    }

    @Test
    void resultOfAnUnknownJobIsA404Problem() {
        given().get("/jobs/no-such-job/result").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theHttpFunctionTestRunPayloadOfTheDocsIsAcceptedFromThePortalOrigin() throws Exception {
        // docs/deploy.md: Test/Run of QuarkusHttp, POST, route reprotect, body examples/reprotect-request.json
        String body = java.nio.file.Files.readString(java.nio.file.Path.of("examples/reprotect-request.json"))
                .replace("/app01", "/" + ReprotectApiTest.uniqueVm());
        given().header("Origin", "https://portal.azure.com").contentType("application/json").body(body)
                .post("/reprotect").then().statusCode(202).body("state", equalTo("NotStarted"));
    }
}
