package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.security.Principals;
import io.reprotect.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Without App Service Authentication in front (the default), a request carrying principal headers did not come
 * through it: it is refused, whatever role it claims, and changes nothing.
 */
@QuarkusTest
class ForgedPrincipalTest {

    @Test
    void aForgedAdministratorPrincipalIsRefusedAndStartsNoJob() {
        String vmId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg-asr/providers/"
                + "Microsoft.Compute/virtualMachines/vm-" + UUID.randomUUID().toString().substring(0, 8);
        given().headers(Principals.of(Role.ADMINISTRATOR, "oid-mallory", "mallory@contoso.com"))
                .contentType("application/json")
                .body("{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \"RecoveryToPrimary\", "
                        + "\"primaryRegion\": \"westeurope\"}")
                .post("/reprotect").then().statusCode(403).contentType(ProblemDetails.MEDIA_TYPE)
                .body("type", endsWith("#forged-principal"))
                .body("detail", containsString("easy-auth-enabled is false"));
        given().queryParam("vmId", vmId).get("/jobs").then().statusCode(200).body("value", empty());
    }

    @Test
    void aSinglePrincipalHeaderIsEnoughToBeRefused() {
        given().header("X-MS-CLIENT-PRINCIPAL-NAME", "admin@contoso.com").get("/jobs").then().statusCode(403)
                .body("type", endsWith("#forged-principal"));
        given().header("x-ms-client-principal-id", "oid").get("/console").then().statusCode(403);
    }
}
