package io.reprotect.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reprotect.job.RequestedBy;
import io.reprotect.job.StorageConfig;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.protection.ItemPlacement;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionOrigin;
import io.reprotect.protection.ReplicaSet;
import io.reprotect.protection.ReplicationHealth;
import io.reprotect.request.ReplicationPolicy;
import io.reprotect.softdelete.SoftDeletes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the two-person rule on, disabling protection, a purge and shortening the soft-delete period wait for a
 * second Administrator (a purge that may not run yet is refused before anybody is asked): the requester cannot approve
 * its own request, a key holder cannot be the second person, an approval is used once and expires; a refused
 * approval changes nothing (the item stays protected).
 */
@QuarkusTest
@TestProfile(EasyAuthProfile.class)
class TwoPersonRuleTest {

    static final String SUB = "00000000-0000-0000-0000-0000000a4e00";
    static final Map<String, String> ALICE = Principals.of(Role.ADMINISTRATOR, "oid-alice", "alice@contoso.com");
    static final Map<String, String> BOB = Principals.of(Role.ADMINISTRATOR, "oid-bob", "bob@contoso.com");
    static final Map<String, String> CAROL = Principals.of(Role.ADMINISTRATOR, "oid-carol", "carol@contoso.com");

    @Inject
    ProtectedItemStore items;
    @Inject
    ApprovalStore approvals;
    @Inject
    DeletedItemStore deletedItems;
    @Inject
    SoftDeletes softDeletes;
    @Inject
    com.azure.storage.blob.BlobServiceClient blobs;
    @Inject
    StorageConfig storage;

    String itemId;

    @BeforeEach
    void protectedItem() {
        blobs.getBlobContainerClient(storage.jobContainer()).createIfNotExists(); // when this class runs first
        String vmId = "/subscriptions/" + SUB + "/resourceGroups/rg-asr/providers/Microsoft.Compute/virtualMachines/vm-"
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

    private String askToDisable(Map<String, String> who) {
        return given().headers(who).delete("/protected-items/" + itemId).then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/approvals/"))
                .body("state", equalTo("Pending"))
                .body("operation", equalTo("disable-protection"))
                .body("target", equalTo(itemId))
                .body("requestedBy.name", equalTo(who.get("X-MS-CLIENT-PRINCIPAL-NAME")))
                .extract().path("id");
    }

    private io.restassured.response.ValidatableResponse approve(Map<String, String> who, String approvalId) {
        return given().headers(who).post("/approvals/" + approvalId).then();
    }

    @Test
    void disablingWaitsForASecondAdministratorThenRunsAsTheRequesterRecordingBoth() {
        String approval = given().headers(ALICE).delete("/protected-items/" + itemId).then().statusCode(202)
                .body("state", equalTo("Pending")).extract().path("id");
        assertThat(items.get(itemId)).as("nothing runs before the approval").isPresent();
        given().headers(BOB).get("/approvals").then().statusCode(200).body("value.id", hasItem(approval));

        approve(BOB, approval).statusCode(202)
                .body("workflow", equalTo("disable-protection"))
                .body("requestedBy.id", equalTo("oid-alice"))
                .body("requestedBy.approvedBy.id", equalTo("oid-bob"))
                .body("requestedBy.approvedBy.name", equalTo("bob@contoso.com"));
        given().headers(BOB).get("/approvals/" + approval).then().statusCode(200).body("state", equalTo("Approved"))
                .body("approvedBy.name", equalTo("bob@contoso.com"));
        given().headers(BOB).get("/approvals").then().body("value.id", not(hasItem(approval)));
    }

    @Test
    void theRequesterCannotApproveItsOwnRequest() {
        String approval = askToDisable(ALICE);
        approve(ALICE, approval).statusCode(403).contentType("application/problem+json")
                .body("type", endsWith("#self-approval"));
        assertThat(approvals.get(approval).orElseThrow().value().state()).isEqualTo(Approval.ApprovalState.Pending);
        assertThat(items.get(itemId)).isPresent();
    }

    @Test
    void aFunctionKeyHolderCannotBeTheSecondPerson() {
        String approval = askToDisable(ALICE);
        approve(Map.of(), approval).statusCode(403).body("type", endsWith("#approver-not-principal"));
        assertThat(approvals.get(approval).orElseThrow().value().state()).isEqualTo(Approval.ApprovalState.Pending);
    }

    @Test
    void aReplayedApprovalIsRefused() {
        String approval = askToDisable(ALICE);
        approve(BOB, approval).statusCode(202);
        approve(BOB, approval).statusCode(409).body("type", endsWith("#approval-used"));
        approve(CAROL, approval).statusCode(409).body("type", endsWith("#approval-used"));
    }

    @Test
    void anExpiredApprovalIsRefusedAndNothingRuns() {
        var before = items.get(itemId).orElseThrow().lifecycle();
        RequestedBy alice = new RequestedBy(RequestedBy.RequesterKind.EntraPrincipal, "oid-alice", "alice@contoso.com",
                "aad", null, null, null);
        Instant asked = Instant.now().minusSeconds(7200);
        String id = UUID.randomUUID().toString();
        approvals.create(new Approval(id, "disable-protection", itemId, alice, asked, asked.plusSeconds(3600),
                Approval.ApprovalState.Pending, null, null));
        given().headers(BOB).get("/approvals/" + id).then().body("state", equalTo("Expired"));
        approve(BOB, id).statusCode(409).body("type", endsWith("#approval-expired"));
        assertThat(items.get(itemId).orElseThrow().lifecycle()).as("the item was not touched").isEqualTo(before);
        given().headers(BOB).get("/approvals").then().body("value.id", not(hasItem(id)));
    }

    @Test
    void aPurgeBeforeExpiryIsRefusedBeforeAnybodyIsAskedToApprove() {
        DeletedItem kept = new DeletedItem(
                UUID.randomUUID().toString().replace("-", ""), itemId, items.get(itemId).orElseThrow().vmId(),
                DeletedItem.DeletedBy.DISABLE_PROTECTION, "job", Instant.now(),
                Instant.now().plusSeconds(86_400), DeletedItem.State.KEPT, null, Instant.now(),
                List.of(), items.get(itemId).orElseThrow());
        assertThat(deletedItems.create(kept)).isTrue();

        given().headers(ALICE).post("/deleted-items/" + kept.id() + "/purge").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("#deleted-item-not-expired"));
        given().headers(BOB).get("/approvals").then().body("target", not(hasItem(kept.id())));
        assertThat(deletedItems.get(kept.id()).orElseThrow().state())
                .isEqualTo(DeletedItem.State.KEPT);
    }

    @Test
    void shorteningTheSoftDeletePeriodWaitsForASecondAdministratorLengtheningDoesNot() {
        int days = given().headers(BOB).get("/settings/soft-delete").then().statusCode(200)
                .extract().path("retentionDays");
        try {
            String approval = given().headers(ALICE).contentType("application/json")
                    .body("{\"retentionDays\": 1}").put("/settings/soft-delete").then().statusCode(202)
                    .body("operation", equalTo("shorten-soft-delete-retention")).body("target", equalTo("1"))
                    .extract().path("id");
            given().headers(BOB).get("/settings/soft-delete").then().body("retentionDays", equalTo(days));
            approve(ALICE, approval).statusCode(403).body("type", endsWith("#self-approval"));

            approve(BOB, approval).statusCode(200).body("retentionDays", equalTo(1));
            given().headers(ALICE).contentType("application/json").body("{\"retentionDays\": " + (days + 1) + "}")
                    .put("/settings/soft-delete").then().statusCode(200).body("retentionDays", equalTo(days + 1));
        } finally {
            softDeletes.changeRetention(days);
        }
    }

    @Test
    void anUnknownOrMalformedApprovalIsNotFound() {
        approve(BOB, UUID.randomUUID().toString()).statusCode(404).body("type", endsWith("#approval-not-found"));
        approve(BOB, "..%2Fjobs%2Fx").statusCode(404);
    }
}
