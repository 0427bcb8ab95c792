package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reprotect.security.EasyAuthProfile;
import io.reprotect.security.Principals;
import io.reprotect.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every job records who asked: the principal, the client address the front end saw, the user agent; never a key. */
@QuarkusTest
@TestProfile(EasyAuthProfile.class)
class JobsRecordWhoAskedTest {

    static final String SERVED = "00000000-0000-0000-0000-000000000001";

    static String reprotectBody() {
        return "{\"vmId\": \"/subscriptions/" + SERVED + "/resourceGroups/app-rg-asr/providers/Microsoft.Compute/"
                + "virtualMachines/vm-" + UUID.randomUUID().toString().substring(0, 8)
                + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}";
    }

    @Test
    void aJobRecordsThePrincipalItsAddressAndAgentAndTheHistoryFiltersByIt() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.com";
        String oid = UUID.randomUUID().toString();
        String jobId = given().headers(Principals.of(Role.ADMINISTRATOR, oid, owner))
                .header("X-Forwarded-For", "203.0.113.9, 198.51.100.7:50312")
                .header("User-Agent", "azure-logic-apps/1.0 (workflow reprotect-all)")
                .contentType("application/json").body(reprotectBody()).post("/reprotect")
                .then().statusCode(202)
                .body("requestedBy.kind", equalTo("EntraPrincipal"))
                .body("requestedBy.id", equalTo(oid))
                .body("requestedBy.name", equalTo(owner))
                .body("requestedBy.identityProvider", equalTo("aad"))
                .body("requestedBy.clientIp", equalTo("198.51.100.7"))
                .body("requestedBy.userAgent", equalTo("azure-logic-apps/1.0 (workflow reprotect-all)"))
                .extract().path("id");
        var reader = Principals.of(Role.READER, "oid-reader", "reader@contoso.com");
        given().headers(reader).get("/jobs/" + jobId).then().body("requestedBy.name", equalTo(owner));
        given().headers(reader).queryParam("requestedBy", owner.toUpperCase()).get("/jobs").then().statusCode(200)
                .body("value.id", equalTo(java.util.List.of(jobId)));
        given().headers(reader).queryParam("requestedBy", oid).get("/jobs").then().body("value.id", hasItem(jobId));
        given().headers(reader).queryParam("requestedBy", "someone-else@contoso.com").get("/jobs").then()
                .body("value.id", not(hasItem(jobId)));
    }

    @Test
    void aKeyHolderIsRecordedAsAFunctionKeyWithoutTheKey() {
        String key = "k3y-" + UUID.randomUUID();
        given().header("x-functions-key", key).queryParam("code", key).contentType("application/json")
                .body(reprotectBody()).post("/reprotect").then().statusCode(202)
                .body("requestedBy.kind", equalTo("FunctionKey"))
                .body("requestedBy.name", equalTo("function key"))
                .body("requestedBy.clientIp", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(key)));
    }

    @Test
    void aBadRequestedByFilterIsNamed() {
        given().queryParam("requestedBy", "x".repeat(300)).get("/jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("requestedBy"));
    }
}
