package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.intake.IntakeFunction;
import io.reprotect.intake.RequestIntake;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.arm.LocalArmLifecycle;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The app serves the subscriptions of {@code reprotect.arm.subscription-ids} (in tests: the demo's,
 * a second one, b4e00, and 0001) and nothing else, at HTTP and at the intake queue alike.
 */
@QuarkusTest
class ServedSubscriptionsApiTest {

    static final String SERVED = "00000000-0000-0000-0000-000000000001";
    static final String SECOND = "00000000-0000-0000-0000-0000000b4e00";
    static final String FOREIGN = "00000000-0000-0000-0000-00000000dead";

    @Inject
    InProcessStageQueue queue;
    @Inject
    LocalFunctionHost host;
    @Inject
    IntakeFunction intake;
    @Inject
    JobService jobs;
    @Inject
    LocalArmLifecycle arm;

    static String vmId(String subscription, String group, String vm) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Compute/virtualMachines/" + vm;
    }

    static String request(String vmId, String extra) {
        return "{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": "
                + "\"westeurope\"" + extra + "}";
    }

    static Response post(String body) {
        return given().contentType("application/json").body(body).post("/reprotect");
    }

    static String uniqueVm() {
        return "vm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aVmInASubscriptionTheAppDoesNotServeIsRefusedNamingTheFieldAndTheSetting() {
        post(request(vmId(FOREIGN, "app-rg-asr", "app01"), "")).then().statusCode(400)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("vmId"))
                .body("errors[0].reason", containsString(FOREIGN))
                .body("errors[0].reason", containsString("reprotect.arm.subscription-ids"))
                .body("errors[0].reason", containsString("REPROTECT_ARM_SUBSCRIPTION_IDS"));
    }

    @Test
    void everyIdOutsideTheServedSubscriptionsIsNamed() {
        String foreignGroup = "/subscriptions/" + FOREIGN.toUpperCase(Locale.ROOT) + "/resourceGroups/x";
        post(request(vmId(SERVED, "rg", uniqueVm()),
                ", \"cacheStorageAccountId\": \"" + foreignGroup + "/providers/Microsoft.Storage/storageAccounts/cachex\""
                        + ", \"targetStorageAccountId\": \"" + foreignGroup + "/providers/Microsoft.Storage/storageAccounts/targetx\""
                        + ", \"availabilitySetId\": \"" + foreignGroup + "/providers/Microsoft.Compute/availabilitySets/av\""
                        + ", \"targetResourceGroupId\": \"" + foreignGroup + "\""))
                .then().statusCode(400).contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors.field", equalTo(List.of("targetResourceGroupId", "targetStorageAccountId",
                        "cacheStorageAccountId", "availabilitySetId")));
    }

    @Test
    void aServedSubscriptionIsRecognisedInAnyCasing() {
        post(request(vmId(SECOND.toUpperCase(Locale.ROOT), "rg", uniqueVm()), "")).then().statusCode(202);
    }

    @Test
    void casingVariantsOfOneVmGiveOneJob() {
        String vm = uniqueVm();
        String first = post(request(vmId(SECOND, "app-rg-asr", vm), "")).then().statusCode(202).extract().path("id");
        List<String> variants = List.of(
                vmId(SECOND.toUpperCase(Locale.ROOT), "app-rg-asr", vm),
                vmId(SECOND, "APP-RG-ASR", vm),
                vmId(SECOND, "app-rg-asr", vm.toUpperCase(Locale.ROOT)),
                ("/SUBSCRIPTIONS/" + SECOND + "/RESOURCEGROUPS/App-Rg-Asr/PROVIDERS/microsoft.compute/VIRTUALMACHINES/"
                        + vm.toUpperCase(Locale.ROOT)));
        for (String variant : variants) {
            post(request(variant, "")).then().statusCode(409).contentType(ProblemDetails.MEDIA_TYPE)
                    .body("activeJobId", equalTo(first));
        }
    }

    @Test
    void theIntakeQueueRefusesAForeignSubscriptionWithTheSameReason() {
        String messageId = UUID.randomUUID().toString();
        String body = request(vmId(FOREIGN, "rg", uniqueVm()), "");
        queue.send(new QueueMessage(Queues.INTAKE, messageId, body, null, Map.of()));
        var envelope = queue.receive(Queues.INTAKE).orElseThrow();
        intake.onRequest(envelope.message().body(), envelope.message().messageId(), null);
        queue.complete(envelope);

        var rejected = queue.peek(Queues.REJECTED).stream()
                .filter(e -> e.message().messageId().equals(messageId)).findFirst().orElseThrow();
        assertThat(rejected.properties().get("DeadLetterReason")).isEqualTo("ValidationFailed");
        assertThat(rejected.properties().get("DeadLetterErrorDescription")).contains("vmId").contains(FOREIGN)
                .contains("reprotect.arm.subscription-ids");
        assertThat(jobs.get(RequestIntake.jobIdFor(messageId))).isEmpty();
    }

    @Test
    void theDemoVmInTheSecondSubscriptionIsReprotectedThereWhileTheFirstIsLeftAlone() {
        ArmStandIn standIn = arm.standIn();
        DemoRegionPair demoB = DemoSeed.seed(standIn, SECOND);
        Set<String> inFirst = idsIn(standIn, standIn.subscriptionId());

        String id = post(request(demoB.sourceVmId(), "")).then().statusCode(202).extract().path("id");
        host.runUntil(() -> ended(id), 2000, Duration.ofMillis(50));

        given().get("/jobs/" + id).then().statusCode(200).body("state", equalTo("Succeeded"))
                .body("outputs.cacheStorageAccount.id", containsString("/subscriptions/" + SECOND + "/"))
                .body("outputs.targetStorageAccount.id", containsString("/subscriptions/" + SECOND + "/"));
        assertThat(standIn.resource(demoB.targetVmId())).as("B's old primary VM is deleted").isNull();
        assertThat(idsIn(standIn, standIn.subscriptionId())).as("nothing changed in the first subscription")
                .isEqualTo(inFirst);

        // disable protection, so that no replication cycle of this VM outlives the test
        String itemId = given().get("/jobs/" + id).then().extract().path("outputs.protectedItemId");
        String disable = given().delete("/protected-items/" + itemId).then().statusCode(202).extract().path("id");
        host.runUntil(() -> ended(disable), 500, Duration.ofMillis(50));
        given().get("/jobs/" + disable).then().statusCode(200).body("state", equalTo("Succeeded"));
    }

    private static boolean ended(String jobId) {
        String state = given().get("/jobs/" + jobId).then().extract().path("state");
        return java.util.List.of("Succeeded", "Failed", "Cancelled").contains(state);
    }

    private static Set<String> idsIn(ArmStandIn standIn, String subscription) {
        String prefix = "/subscriptions/" + subscription.toLowerCase(Locale.ROOT) + "/";
        return new TreeSet<>(standIn.resourceIds().stream()
                .filter(r -> r.toLowerCase(Locale.ROOT).startsWith(prefix)).toList());
    }
}
