package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.pipeline.Queues;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ReprotectApiTest {

    static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";

    @Inject
    InProcessStageQueue queue;
    @Inject
    LocalFunctionHost host;

    static String request(String vm, String extra) {
        return ("{'vmId': '" + SUB + "/resourceGroups/app-rg-asr/providers/Microsoft.Compute/virtualMachines/" + vm
                + "', 'failoverDirection': 'RecoveryToPrimary', 'primaryRegion': 'westeurope'" + extra + "}")
                .replace('\'', '"');
    }

    static String uniqueVm() {
        return "vm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response post(String body) {
        return given().contentType("application/json").body(body).post("/reprotect");
    }

    @Test
    void validRequestIsAcceptedWithLocationAndRetryAfterAndQueuesTheFirstStage() {
        int before = queue.peek(Queues.STAGES).size();
        Response response = post(request(uniqueVm(), ""));
        response.then().statusCode(202)
                .header("Location", containsString("/api/jobs/"))
                .header("Retry-After", equalTo("10"))
                .body("state", equalTo("NotStarted"))
                .body("tasks", hasSize(8))
                .body("tasks[0].name", equalTo("validate-prerequisites"))
                .body("tasks[0].friendlyName", equalTo("Prerequisites check for reprotect"))
                .body("progress.percent", equalTo(0));
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/api/jobs/" + id + "/result");
        assertThat(queue.peek(Queues.STAGES)).hasSize(before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "vmId|, 'vmId': '/subscriptions/x/resourceGroups/rg'",
        "failoverDirection|, 'failoverDirection': 'PrimaryToRecovery'",
        "primaryRegion|, 'primaryRegion': 'moon-north'",
        "targetResourceGroupId|, 'targetResourceGroupId': 'rg-only'",
        "targetStorageAccountId|, 'targetStorageAccountId': '" + SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/NO'",
        "cacheStorageAccountId|, 'cacheStorageAccountId': '" + SUB + "/resourceGroups/rg/providers/Microsoft.Compute/disks/d1'",
        "availabilitySetId|, 'availabilitySetId': 42",
        "replicationPolicy.recoveryPointRetentionInHours|, 'replicationPolicy': {'recoveryPointRetentionInHours': 1000}",
        "replicationPolicy.crashConsistentFrequencyInMinutes|, 'replicationPolicy': {'crashConsistentFrequencyInMinutes': 1}",
        "replicationPolicy.appConsistentFrequencyInMinutes|, 'replicationPolicy': {'appConsistentFrequencyInMinutes': 45}",
        "unexpected|, 'unexpected': 1"
    })
    void eachInvalidFieldIsNamedInAProblemDetailsBody(String field, String override) throws Exception {
        // the override replaces the valid value (a body with a key twice is refused for that alone)
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(request(uniqueVm(), ""));
        body.setAll((com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(
                "{" + override.substring(1).replace('\'', '"') + "}"));
        post(body.toString()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid reprotect request"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void malformedJsonIsA400NamingTheFieldWhereItBreaks() {
        post("{\"vmId\": ").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("vmId"))
                .body("errors[0].reason", containsString("malformed JSON"));
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().contentType("text/plain").body(request(uniqueVm(), "")).post("/reprotect")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void oversizeBodyIsA413Problem() {
        String body = request(uniqueVm(), ", \"pad\": \"" + "x".repeat(20_000) + "\"");
        post(body).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void secondRequestForTheSameVmIsA409PointingAtTheRunningJob() {
        String vm = uniqueVm();
        String first = post(request(vm, "")).then().statusCode(202).extract().path("id");
        post(request(vm.toUpperCase(), "")).then().statusCode(409)
                .contentType("application/problem+json")
                .header("Location", endsWith("/api/jobs/" + first))
                .body("activeJobId", equalTo(first));
    }

    @Test
    void retriedRequestWithTheSameIdempotencyKeyReturnsTheSameJob() {
        String vm = uniqueVm();
        String key = UUID.randomUUID().toString();
        String first = given().contentType("application/json").header("Idempotency-Key", key)
                .body(request(vm, "")).post("/reprotect").then().statusCode(202).extract().path("id");
        given().contentType("application/json").header("Idempotency-Key", key)
                .body(request(vm, "")).post("/reprotect").then().statusCode(202).body("id", equalTo(first));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyOrVmIsA422SayingSo() {
        String vm = uniqueVm();
        String key = "\"" + UUID.randomUUID() + "\""; // the draft's Structured Field string form
        given().contentType("application/json").header("Idempotency-Key", key)
                .body(request(vm, "")).post("/reprotect").then().statusCode(202);
        given().contentType("application/json").header("Idempotency-Key", key)
                .body(request(vm, ", 'replicationPolicy': {'recoveryPointRetentionInHours': 48}".replace('\'', '"')))
                .post("/reprotect").then().statusCode(422).contentType("application/problem+json")
                .body("title", containsString("Idempotency-Key"))
                .body("detail", containsString("different body"));
        given().contentType("application/json").header("Idempotency-Key", key)
                .body(request(uniqueVm(), "")).post("/reprotect").then().statusCode(422);
    }

    @Test
    void theSameIdempotencyKeyWithTheSameRequestWrittenDifferentlyIsTheSameJob() {
        String vm = uniqueVm();
        String key = UUID.randomUUID().toString();
        String first = given().contentType("application/json").header("Idempotency-Key", key)
                .body(request(vm, "")).post("/reprotect").then().statusCode(202).extract().path("id");
        // same request: other field order, ids in other case, the region's display name, a default spelt out
        String same = ("{'primaryRegion': 'West Europe', 'failoverDirection': 'RecoveryToPrimary', 'vmId': '"
                + SUB.toUpperCase() + "/resourceGroups/app-rg-asr/providers/Microsoft.Compute/virtualMachines/" + vm
                + "', 'replicationPolicy': {'recoveryPointRetentionInHours': 24}}").replace('\'', '"');
        given().contentType("application/json; charset=UTF-8").header("Idempotency-Key", "\"" + key + "\"")
                .body(same).post("/reprotect").then().statusCode(202).body("id", equalTo(first));
    }

    @Test
    void unknownJobIsA404Problem() {
        given().get("/jobs/no-such-job").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Job not found"));
    }

    @Test
    void pollingAnswers202WhileTheJobRunsAnd200OnceItHasEnded() {
        String id = post(request(uniqueVm(), "")).then().statusCode(202).extract().path("id");
        given().get("/jobs/" + id).then().statusCode(202)
                .header("Retry-After", equalTo("10"))
                .header("Location", endsWith("/api/jobs/" + id))
                .body("state", equalTo("NotStarted"));
        given().post("/jobs/" + id + "/cancel").then().statusCode(202).body("cancelRequested", equalTo(true));
        host.runUntilIdle(100);
        given().get("/jobs/" + id).then().statusCode(200)
                .body("state", equalTo("Cancelled"))
                .body("tasks[0].state", equalTo("Cancelled"))
                .body("progress.currentTask", equalTo(null));
    }

    @Test
    void resumingAJobThatHasNotFailedIsA409() {
        String id = post(request(uniqueVm(), "")).then().statusCode(202).extract().path("id");
        given().post("/jobs/" + id + "/resume").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void openApiDocumentStatesThe202LocationRetryAfterContract() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/reprotect'.post.operationId", equalTo("Reprotect"))
                .body("paths.'/api/reprotect'.post.responses.'202'.headers.Location", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/reprotect'.post.responses.'202'.headers.Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/jobs/{id}'.get.responses.'202'.headers.Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/jobs/{id}'.get.responses.'200'", org.hamcrest.Matchers.notNullValue());
    }
}
