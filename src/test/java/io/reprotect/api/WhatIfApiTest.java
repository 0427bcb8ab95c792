package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.AzuriteContents;
import io.reprotect.protection.ItemPlacement;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionOrigin;
import io.reprotect.protection.ReplicaSet;
import io.reprotect.protection.ReplicationHealth;
import io.reprotect.request.ReplicationPolicy;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code ?whatIf=true} over HTTP on every call that starts a job of a protected item: the same refusals as the
 * call (400, 404), 200 with the what-if otherwise, nothing changed. What each what-if lists is
 * {@code FailoverWhatIfTest}'s subject.
 */
@QuarkusTest
class WhatIfApiTest {


    @Inject
    ProtectedItemStore items;

    /** Each call with its body (a body each accepts), by path suffix. */
    static final List<Function<String, io.restassured.response.Response>> CALLS = List.of(
            q -> post("/failover", "{\"type\":\"Unplanned\"}", q),
            q -> post("/change-recovery-point", "{\"recoveryPoint\":\"Latest\"}", q),
            q -> post("/commit", null, q),
            q -> post("/cancel-failover", null, q),
            q -> post("/test-failover", "{\"networkId\":\"/subscriptions/x/resourceGroups/r/providers/"
                    + "Microsoft.Network/virtualNetworks/test\"}", q),
            q -> post("/test-failover-cleanup", null, q),
            q -> given().delete("/protected-items/" + q));

    static io.restassured.response.Response post(String suffix, String body, String itemAndQuery) {
        RequestSpecification request = given();
        if (body != null) {
            request = request.contentType("application/json").body(body);
        }
        String item = itemAndQuery.contains("?") ? itemAndQuery.substring(0, itemAndQuery.indexOf('?')) : itemAndQuery;
        String query = itemAndQuery.substring(item.length());
        return request.post("/protected-items/" + item + suffix + query);
    }

    /** A protected item with no replicas and no recovery point: enough for the checks to speak. */
    String item() {
        String vmId = "/subscriptions/00000000-0000-0000-0000-0000000a4e00/resourceGroups/wi-rg-asr/providers/"
                + "Microsoft.Compute/virtualMachines/wi" + UUID.randomUUID().toString().substring(0, 8);
        String id = ProtectedItemStore.idOf(vmId);
        items.create(new ProtectedItem(id, vmId, Lifecycle.protectedNow("job"),
                new ItemPlacement(ProtectedItem.RECOVERY, null, "westeurope", null, "wi-rg",
                        "/subscriptions/00000000-0000-0000-0000-0000000a4e00/resourceGroups/wi-rg",
                        new Outputs.AccountRef("/subscriptions/00000000-0000-0000-0000-0000000a4e00/resourceGroups/wi-rg/"
                                + "providers/Microsoft.Storage/storageAccounts/wireplicas", "wireplicas",
                                "http://127.0.0.1:1/wireplicas/"), null, null),
                ReplicationPolicy.DEFAULT, new ReplicaSet(List.of(), List.of(), List.of(), List.of()),
                ReplicationHealth.none(), ProtectedItem.CycleStatus.none(),
                new ProtectionOrigin("job", Instant.now(), null)));
        return id;
    }

    @Test
    void aWhatIfValueOtherThanTrueOrFalseIsRefusedOnEveryCallBeforeAnythingElse() {
        for (var call : CALLS) {
            call.apply(FailoverApiTest.NO_ITEM + "?whatIf=yes").then().statusCode(400)
                    .contentType(ProblemDetails.MEDIA_TYPE).body("errors[0].field", equalTo("whatIf"));
        }
    }

    @Test
    void anUnknownItemIs404WithWhatIfAsWithout() {
        for (var call : CALLS) {
            call.apply(FailoverApiTest.NO_ITEM + "?whatIf=true").then().statusCode(404)
                    .contentType(ProblemDetails.MEDIA_TYPE);
        }
    }

    @Test
    void everyCallAnswersItsWhatIfAndChangesNothing() {
        String id = item();
        List<String> before = AzuriteContents.all();
        List<String> operations = new java.util.ArrayList<>();
        for (var call : CALLS) {
            JsonPath answer = call.apply(id + "?whatIf=true").then().statusCode(200).contentType("application/json")
                    .extract().jsonPath();
            operations.add(answer.getString("operation"));
            assertThat(answer.getString("vmId")).contains("/virtualMachines/wi");
            assertThat(answer.getList("checks.name", String.class)).isNotEmpty();
        }
        assertThat(operations).containsExactly("unplanned-failover", "change-recovery-point", "commit-failover",
                "cancel-failover", "test-failover", "test-failover-cleanup", "disable-protection");
        assertThat(AzuriteContents.all()).isEqualTo(before);
        given().get("/protected-items/" + id).then().statusCode(200).body("protectionState", equalTo("Protected"));
    }

    @Test
    void aCallTheStateDoesNotAllowIsRefusedByTheWhatIfAndAnswers409NamingTheStatus() {
        String id = item();
        JsonPath answer = post("/test-failover-cleanup", null, id + "?whatIf=true").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getString("status")).isEqualTo("Refused");
        assertThat(answer.getInt("checks.find { it.name == 'operation-allowed' }.httpStatus")).isEqualTo(409);
        assertThat(answer.getString("checks.find { it.name == 'operation-allowed' }.error.code"))
                .isEqualTo("OperationNotAllowed");
        post("/test-failover-cleanup", null, id).then().statusCode(409).contentType(ProblemDetails.MEDIA_TYPE)
                .body("type", endsWith("#operation-not-allowed"))
                .header("Location", endsWith("/protected-items/" + id));
        JsonPath noPoint = post("/failover", "{\"type\":\"Unplanned\"}", id + "?whatIf=true").then().statusCode(200)
                .extract().jsonPath();
        assertThat(noPoint.getList("checks.findAll { it.result == 'Refused' }.name", String.class))
                .containsExactly("recovery-point");
    }

    @Test
    void theDocumentDescribesTheWhatIfOfEveryCall() throws Exception {
        var doc = OpenApiDocumentTest.served();
        for (String path : List.of("/failover", "/change-recovery-point", "/commit", "/cancel-failover",
                "/test-failover", "/test-failover-cleanup")) {
            var op = doc.path("paths").path("/api/protected-items/{id}" + path).path("post");
            assertThat(op.path("responses").path("200").path("content").path("application/json").path("schema")
                    .path("$ref").asText()).as(path).endsWith("/WhatIf");
            assertThat(op.path("parameters").findValuesAsText("name")).as(path).contains("whatIf");
        }
        var delete = doc.path("paths").path("/api/protected-items/{id}").path("delete");
        assertThat(delete.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).endsWith("/WhatIf");
    }
}
