package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.arm.LocalArmLifecycle;
import io.reprotect.local.queue.LocalFunctionHost;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's demo as a test: the app with the ARM stand-in seeded with the demo region pair;
 * {@code examples/reprotect-request.json} is posted and the job runs through every stage.
 */
@QuarkusTest
class ReprotectEndToEndTest {

    @Inject
    LocalFunctionHost host;
    @Inject
    LocalArmLifecycle arm;

    @Test
    void theExampleRequestRunsEveryStageToSucceededWithTimesOnEachTask() throws Exception {
        String body = Files.readString(Path.of("examples/reprotect-request.json"));
        String id = given().contentType("application/json").body(body).post("/reprotect")
                .then().statusCode(202).extract().path("id");
        host.runUntil(() -> ended(id), 2000, Duration.ofMillis(50));

        JsonPath job = given().get("/jobs/" + id).then().statusCode(200)
                .body("state", equalTo("Succeeded"))
                .body("progress.percent", equalTo(100))
                .body("outputs.protectionState", equalTo("Protected"))
                .extract().jsonPath();
        // the operation result a Logic App polls ends 200 with the job, so the HTTP action succeeds
        given().get("/jobs/" + id + "/result").then().statusCode(200).body("state", equalTo("Succeeded"));
        List<Map<String, Object>> tasks = job.getList("tasks");
        assertThat(tasks).extracting(t -> t.get("name")).containsExactly("validate-prerequisites", "prepare-target",
                "stop-target-vm", "copy-seed", "delete-target-vm", "resync", "start-replication", "protect");
        for (Map<String, Object> task : tasks) {
            assertThat(task.get("state")).as(task.get("name").toString()).isEqualTo("Succeeded");
            Instant start = Instant.parse(task.get("startTime").toString());
            Instant end = Instant.parse(task.get("endTime").toString());
            assertThat(end).as(task.get("name").toString()).isAfterOrEqualTo(start);
            assertThat(task.get("attempts")).as(task.get("name") + ": nothing failed, one attempt").isEqualTo(1);
        }
        assertThat(job.getString("outputs.targetVm.powerState")).as("the old primary as the job left it")
                .isEqualTo("DELETED");
        String oldPrimary = arm.standIn().resourceIds().stream()
                .filter(r -> r.endsWith("/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app01"))
                .findFirst().orElse(null);
        assertThat(oldPrimary).as("the old primary VM is deleted").isNull();

        String itemId = job.getString("outputs.protectedItemId");
        String vmId = job.getString("vmId");
        given().queryParam("vmId", vmId).get("/protected-items").then().statusCode(200)
                .body("value[0].id", equalTo(itemId));
        given().get("/protected-items").then().statusCode(200).body("value.id", org.hamcrest.Matchers.hasItem(itemId));
        // paged the ARM way, as the connector's x-ms-pageable follows it: $top, then nextLink with $skipToken
        given().queryParam("$top", 0).get("/protected-items").then().statusCode(400);
        given().queryParam("$top", 1).get("/protected-items").then().statusCode(200).body("value", hasSize(1));
        given().get("/protected-items/" + itemId).then().statusCode(200)
                .body("protectionState", equalTo("Protected"))
                .body("activeLocation", equalTo("Recovery"))
                .body("replicationHealth", equalTo("Normal"))
                .body("healthErrors", org.hamcrest.Matchers.empty())
                .body("allowedOperations", org.hamcrest.Matchers.contains("PlannedFailover", "UnplannedFailover",
                        "TestFailover", "DisableProtection"))
                .body("currentScenario", equalTo("None"))
                .body("testFailoverState", equalTo("None"))
                .body("failoverState", equalTo("None"))
                .body("replicas", org.hamcrest.Matchers.hasSize(2))
                .body("rpoInSeconds", org.hamcrest.Matchers.notNullValue());
        given().contentType("application/json").body(body).post("/reprotect").then().statusCode(409)
                .contentType("application/problem+json")
                .header("Location", org.hamcrest.Matchers.endsWith("/protected-items/" + itemId))
                .body("detail", org.hamcrest.Matchers.containsString(itemId));

        for (String call : List.of("commit", "cancel-failover", "test-failover-cleanup", "change-recovery-point")) {
            given().contentType("application/json").body("{\"recoveryPoint\":\"Latest\"}")
                    .post("/protected-items/" + itemId + "/" + call).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("operation-not-allowed"))
                    .body("detail", org.hamcrest.Matchers.containsString("protectionState Protected"))
                    .body("detail", org.hamcrest.Matchers.containsString(
                            "allowed now: PlannedFailover, UnplannedFailover, TestFailover, DisableProtection"))
                    .header("Location", org.hamcrest.Matchers.endsWith("/protected-items/" + itemId));
        }

        String nextCycle = cycleJob(itemId);
        host.runUntil(() -> ended(nextCycle), 500, Duration.ofMillis(50));
        given().get("/jobs/" + nextCycle).then().statusCode(200).body("workflow", equalTo("replication-cycle"))
                .body("state", equalTo("Succeeded"));
        given().get("/protected-items/" + itemId + "/recovery-points").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.hasSize(2))
                .body("value[0].consistency", equalTo("CrashConsistentPerDisk"))
                .body("value[0].disks", org.hamcrest.Matchers.hasSize(2));

        String disable = given().delete("/protected-items/" + itemId).then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/jobs/")).extract().path("id");
        host.runUntil(() -> ended(disable), 500, Duration.ofMillis(50));
        given().get("/jobs/" + disable).then().statusCode(200).body("state", equalTo("Succeeded"));
        given().get("/protected-items/" + itemId).then().statusCode(404);
        // disable deletes nothing: the recovery points (snapshots) are kept as a deleted item until its expiry
        assertThat(arm.standIn().resourceIds()).as("the recovery points, kept").anyMatch(r -> r.contains("/snapshots/"));
        given().get("/deleted-items").then().statusCode(200)
                .body("value.findAll { it.protectedItemId == '" + itemId + "' }.state", org.hamcrest.Matchers.hasItem("Kept"))
                .body("value.findAll { it.protectedItemId == '" + itemId + "' }.deletedByJobId",
                        org.hamcrest.Matchers.hasItem(disable));
    }

    private static boolean ended(String jobId) {
        String state = given().get("/jobs/" + jobId).then().extract().path("state");
        // a replication cycle's job record is written when the cycle ends: until then there is none
        return state != null && List.of("Succeeded", "Failed", "Cancelled").contains(state);
    }

    private static String cycleJob(String itemId) {
        return given().get("/protected-items/" + itemId).then().extract().path("nextCycleJobId");
    }

    @Test
    void aVmThatDoesNotExistIsRefusedWithARecommendedAction() throws Exception {
        String body = Files.readString(Path.of("examples/reprotect-request.json")).replace("/app01", "/ghost01");
        String id = given().contentType("application/json").body(body).post("/reprotect")
                .then().statusCode(202).extract().path("id");
        host.runUntilIdle(200, Duration.ofMillis(20));
        given().get("/jobs/" + id).then().statusCode(200)
                .body("state", equalTo("Failed"))
                .body("tasks[0].errors[0].code", equalTo("VmNotFound"))
                .body("tasks[0].errors[0].recommendedAction", org.hamcrest.Matchers.containsString("moved"));
    }
}
