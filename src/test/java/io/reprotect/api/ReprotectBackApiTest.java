package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.protection.ItemPlacement;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionOrigin;
import io.reprotect.protection.ReplicaSet;
import io.reprotect.protection.ReplicationHealth;
import io.reprotect.request.ReplicationPolicy;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/reprotect} with {@code PrimaryToRecovery}: what the caller gets when the VM's protected
 * item is not failed over and committed (409 naming the state and what is allowed), and when the direction
 * does not fit the VM (400 naming failoverDirection). The whole round trip runs in {@code ReprotectBackTest}.
 */
@QuarkusTest
class ReprotectBackApiTest {

    static final String SUB = "00000000-0000-0000-0000-0000000a4e00";

    @Inject
    ProtectedItemStore items;

    String vmId;
    String itemId;

    @BeforeEach
    void protectedItem() {
        vmId = "/subscriptions/" + SUB + "/resourceGroups/rg-asr/providers/Microsoft.Compute/virtualMachines/vm-"
                + UUID.randomUUID().toString().substring(0, 8);
        itemId = ProtectedItemStore.idOf(vmId);
        items.create(new ProtectedItem(itemId, vmId, Lifecycle.protectedNow("job"),
                new ItemPlacement(ProtectedItem.RECOVERY, null, "westeurope", null, "rg",
                        "/subscriptions/" + SUB + "/resourceGroups/rg",
                        new Outputs.AccountRef("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Storage/"
                                + "storageAccounts/asrx", "asrx", "http://127.0.0.1:1/asrx"), null, null),
                ReplicationPolicy.DEFAULT, new ReplicaSet(List.of(), List.of(), List.of(), List.of()),
                ReplicationHealth.none(), ProtectedItem.CycleStatus.none(),
                new ProtectionOrigin("job", Instant.now(), null)));
    }

    @AfterEach
    void remove() {
        items.delete(itemId);
    }

    private void failedOver(ItemStatus status) {
        items.change(itemId, i -> i.withLifecycle(new Lifecycle(status, null, "Planned", java.util.List.of("job"), null,
                null, null, "job")));
    }

    private io.restassured.response.ValidatableResponse reprotect(String direction) {
        return given().contentType("application/json").body("{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \""
                + direction + "\", \"primaryRegion\": \"westeurope\"}").post("/reprotect").then();
    }

    @Test
    void reprotectBackOfAnItemNotCommittedIs409NamingItsStateAndWhatIsAllowed() {
        reprotect("PrimaryToRecovery").statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("#operation-not-allowed"))
                .body("detail", containsString("failoverState None"))
                .body("detail", containsString("allowed now: PlannedFailover, UnplannedFailover, TestFailover"));
        failedOver(ItemStatus.FAILED_OVER_PENDING_COMMIT);
        reprotect("PrimaryToRecovery").statusCode(409)
                .body("detail", containsString("FailedOverPendingCommit"))
                .body("detail", containsString("allowed now: Commit, ChangeRecoveryPoint, CancelFailover"));
        reprotect("RecoveryToPrimary").statusCode(409).body("type", endsWith("#operation-not-allowed"));
    }

    @Test
    void onceCommittedOnlyTheOtherDirectionIsAccepted() {
        failedOver(ItemStatus.FAILOVER_COMMITTED);
        reprotect("RecoveryToPrimary").statusCode(400).body("type", endsWith("#invalid-request"))
                .body("errors[0].field", equalTo("failoverDirection"))
                .body("errors[0].reason", containsString("must be PrimaryToRecovery"));
    }

    @Test
    void primaryToRecoveryForAVmWithoutItemIs400NamingTheDirection() {
        items.delete(itemId);
        reprotect("PrimaryToRecovery").statusCode(400).body("errors[0].field", equalTo("failoverDirection"))
                .body("errors[0].reason", containsString("no protected item"));
    }
}
