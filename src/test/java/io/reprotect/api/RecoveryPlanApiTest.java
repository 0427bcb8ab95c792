package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.azure.storage.blob.BlobServiceClient;
import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.StorageConfig;
import io.reprotect.protection.ItemPlacement;
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
import java.util.Map;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/recovery-plans}: what a caller sees writing, reading and deleting plans, and starting their operations. */
@QuarkusTest
class RecoveryPlanApiTest {

    static final String SUB = "00000000-0000-0000-0000-0000000a4e00";

    @Inject
    ProtectedItemStore items;
    @Inject
    BlobServiceClient blobs;
    @Inject
    StorageConfig storage;

    String db;
    String web;
    String plan;
    final Map<String, String> vmOf = new HashMap<>();

    @BeforeEach
    void twoProtectedItems() {
        blobs.getBlobContainerClient(storage.jobContainer()).createIfNotExists();
        db = protectedItem();
        web = protectedItem();
        plan = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void remove() {
        items.delete(db);
        items.delete(web);
        given().delete("/recovery-plans/" + plan);
    }

    private String protectedItem() {
        String vmId = "/subscriptions/" + SUB + "/resourceGroups/rg-asr/providers/Microsoft.Compute/virtualMachines/vm-"
                + UUID.randomUUID().toString().substring(0, 8);
        String id = ProtectedItemStore.idOf(vmId);
        vmOf.put(id, vmId);
        items.create(new ProtectedItem(id, vmId, Lifecycle.protectedNow("job"),
                new ItemPlacement(ProtectedItem.RECOVERY, null, "westeurope", null, "rg",
                        "/subscriptions/" + SUB + "/resourceGroups/rg",
                        new Outputs.AccountRef("/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.Storage/"
                                + "storageAccounts/asrx", "asrx", "http://127.0.0.1:1/asrx"), null, null),
                ReplicationPolicy.DEFAULT, new ReplicaSet(List.of(), List.of(), List.of(), List.of()),
                ReplicationHealth.none(), ProtectedItem.CycleStatus.none(),
                new ProtectionOrigin("job", Instant.now(), null)));
        return id;
    }

    private String body(String first, String second) {
        return "{\"description\": \"database, then web\", \"groups\": ["
                + "{\"items\": [\"" + first + "\"], \"postActions\": [{\"name\": \"switch-dns\", \"kind\": \"HTTP\", "
                + "\"http\": {\"url\": \"https://example.org/dns\", \"headers\": {\"x-api-key\": \"s3cret\"}}, "
                + "\"timeout\": \"PT5M\", \"stopsPlanOnFailure\": true}]},"
                + "{\"items\": [\"" + second + "\"]}]}";
    }

    @Test
    void aPlanIsWrittenReadListedAndDeletedAgainstItsETag() {
        String etag = given().contentType("application/json").header("If-None-Match", "*").body(body(db, web))
                .put("/recovery-plans/" + plan).then().statusCode(200).header("ETag", notNullValue())
                .body("name", equalTo(plan)).body("groups[1].items[0]", equalTo(web)).extract().header("ETag");

        given().get("/recovery-plans/" + plan).then().statusCode(200).header("ETag", equalTo(etag))
                .body("groups[0].postActions[0].timeout", equalTo("PT5M"))
                .body("groups[0].postActions[0].http.headers.x-api-key", equalTo("(hidden)"));
        given().get("/recovery-plans").then().statusCode(200).body("value.name", hasItems(plan));
        given().contentType("application/json").header("If-None-Match", "*").body(body(db, web))
                .put("/recovery-plans/" + plan).then().statusCode(412)
                .body("type", endsWith("#recovery-plan-changed"));

        String newer = given().contentType("application/json").header("If-Match", etag).body(body(web, db))
                .put("/recovery-plans/" + plan).then().statusCode(200).extract().header("ETag");
        given().contentType("application/json").header("If-Match", etag).body(body(db, web))
                .put("/recovery-plans/" + plan).then().statusCode(412).contentType("application/problem+json");
        given().header("If-Match", etag).delete("/recovery-plans/" + plan).then().statusCode(412);
        given().get("/recovery-plans/" + plan).then().body("groups[0].items[0]", equalTo(web));

        given().header("If-Match", newer).delete("/recovery-plans/" + plan).then().statusCode(204);
        given().get("/recovery-plans/" + plan).then().statusCode(404)
                .body("type", endsWith("#recovery-plan-not-found"));
    }

    @Test
    void itemsMayBeNamedByTheirVmsIdAndThePlanKeepsTheItemIds() {
        given().contentType("application/json").body(body(vmOf.get(db), web)).put("/recovery-plans/" + plan).then()
                .statusCode(200).body("groups[0].items[0]", equalTo(db));
        given().get("/recovery-plans/" + plan).then().statusCode(200).body("groups[0].items[0]", equalTo(db));
        String unprotected = "/subscriptions/" + SUB + "/resourceGroups/rg-asr/providers/Microsoft.Compute/"
                + "virtualMachines/not-protected";
        given().contentType("application/json").body(body(db, unprotected)).put("/recovery-plans/" + plan).then()
                .statusCode(400).body("errors[0].field", equalTo("groups[1].items[0]"))
                .body("errors[0].reason", containsString("no protected item " + unprotected));
    }

    @Test
    void anInvalidPlanIsRefusedWithEveryProblemAndNothingIsStored() {
        given().contentType("application/json").body(body(db, "0123456789abcdef0123456789abcdef"))
                .put("/recovery-plans/" + plan).then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("#invalid-recovery-plan"))
                .body("errors[0].field", equalTo("groups[1].items[0]"));
        given().contentType("application/json").body(body(db, db)).put("/recovery-plans/" + plan).then()
                .statusCode(400).body("errors[0].reason", containsString("already in the plan at groups[0].items[0]"));
        given().contentType("application/json").body(body(db, web)).put("/recovery-plans/bad_name").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType("application/json").body("{\"groups\": [], \"owner\": \"me\"}")
                .put("/recovery-plans/" + plan).then().statusCode(400).body("errors[0].field", equalTo("owner"));
        given().get("/recovery-plans/" + plan).then().statusCode(404);
    }

    @Test
    void anOperationSomeItemsStateForbidsIsRefusedBeforeAnythingStartsAndItsWhatIfSaysWhichItem() {
        given().contentType("application/json").body(body(db, web)).put("/recovery-plans/" + plan).then()
                .statusCode(200);

        given().contentType("application/json").post("/recovery-plans/" + plan + "/commit?whatIf=true").then()
                .statusCode(200).body("status", equalTo("Refused")).body("items[1].itemId", equalTo(web))
                .body("items[1].group", equalTo(2))
                .body("items[1].refusal", containsString("Commit is not allowed while the item is in"));
        given().post("/recovery-plans/" + plan + "/commit/whatIf").then().statusCode(200)
                .body("status", equalTo("Refused"));
        given().contentType("application/json").post("/recovery-plans/" + plan + "/commit").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("#recovery-plan-not-allowed"))
                .body("detail", containsString("item " + db + " (group 1)"))
                .body("detail", containsString("Nothing was started"))
                .header("Location", endsWith("/recovery-plans/" + plan));
    }

    @Test
    void unknownOperationsAndOptionsTheOperationDoesNotUseAreRefusedNamingTheField() {
        given().contentType("application/json").body(body(db, web)).put("/recovery-plans/" + plan).then()
                .statusCode(200);
        given().contentType("application/json").post("/recovery-plans/" + plan + "/explode").then().statusCode(400)
                .body("errors[0].field", equalTo("operation"));
        given().contentType("application/json").body("{\"recoveryPointTime\": \"2026-05-01T10:00:00Z\"}")
                .post("/recovery-plans/" + plan + "/planned-failover").then().statusCode(400)
                .body("errors[0].field", equalTo("recoveryPointTime"));
        given().contentType("application/json").body("{\"networkId\": \"x\"}")
                .post("/recovery-plans/" + plan + "/commit").then().statusCode(400)
                .body("errors[0].field", equalTo("networkId"));
        given().contentType("application/json").post("/recovery-plans/nope/commit").then().statusCode(404);
    }
}
