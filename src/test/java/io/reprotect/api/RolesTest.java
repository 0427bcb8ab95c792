package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reprotect.security.EasyAuthProfile;
import io.reprotect.security.Principals;
import io.reprotect.security.Role;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every served operation with each role and with none, behind Easy Auth: the served OpenAPI document enumerates them,
 * so an operation missing from {@link #MATRIX} (a new endpoint nobody gave a role) fails this test. A call beyond the
 * caller's role is 403 problem+json naming the role it needs and the caller's; a call within it is not.
 */
@QuarkusTest
@TestProfile(EasyAuthProfile.class)
class RolesTest {

    /** The least role of each operation: the endpoint-by-role matrix (docs/operations.md, Security). */
    static final Map<String, Role> MATRIX = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/console", Role.READER),
            Map.entry("GET /api/jobs", Role.READER),
            Map.entry("GET /api/jobs/{id}", Role.READER),
            Map.entry("GET /api/jobs/{id}/result", Role.READER),
            Map.entry("POST /api/jobs/{id}/cancel", Role.OPERATOR),
            Map.entry("POST /api/jobs/{id}/resume", Role.OPERATOR),
            Map.entry("POST /api/reprotect", Role.ADMINISTRATOR),
            Map.entry("POST /api/reprotect/whatIf", Role.READER),
            Map.entry("GET /api/protected-items", Role.READER),
            Map.entry("GET /api/protected-items/{id}", Role.READER),
            Map.entry("GET /api/protected-items/{id}/recovery-points", Role.READER),
            Map.entry("GET /api/protected-items/{id}/rpo-history", Role.READER),
            Map.entry("GET /api/protected-items/{id}/failover-status", Role.READER),
            Map.entry("DELETE /api/protected-items/{id}", Role.ADMINISTRATOR),
            Map.entry("POST /api/protected-items/{id}/disable-protection/whatIf", Role.READER),
            Map.entry("POST /api/protected-items/{id}/failover", Role.OPERATOR),
            Map.entry("POST /api/protected-items/{id}/failover/whatIf", Role.READER),
            Map.entry("POST /api/protected-items/{id}/change-recovery-point", Role.OPERATOR),
            Map.entry("POST /api/protected-items/{id}/change-recovery-point/whatIf", Role.READER),
            Map.entry("POST /api/protected-items/{id}/commit", Role.OPERATOR),
            Map.entry("POST /api/protected-items/{id}/commit/whatIf", Role.READER),
            Map.entry("POST /api/protected-items/{id}/cancel-failover", Role.OPERATOR),
            Map.entry("POST /api/protected-items/{id}/cancel-failover/whatIf", Role.READER),
            Map.entry("POST /api/protected-items/{id}/test-failover", Role.OPERATOR),
            Map.entry("POST /api/protected-items/{id}/test-failover/whatIf", Role.READER),
            Map.entry("POST /api/protected-items/{id}/test-failover-cleanup", Role.OPERATOR),
            Map.entry("POST /api/protected-items/{id}/test-failover-cleanup/whatIf", Role.READER),
            Map.entry("GET /api/approvals", Role.READER),
            Map.entry("GET /api/approvals/{id}", Role.READER),
            Map.entry("POST /api/approvals/{id}", Role.ADMINISTRATOR),
            Map.entry("GET /api/deleted-items", Role.READER),
            Map.entry("GET /api/deleted-items/{id}", Role.READER),
            Map.entry("POST /api/deleted-items/{id}/undelete", Role.ADMINISTRATOR),
            Map.entry("POST /api/deleted-items/{id}/purge", Role.ADMINISTRATOR),
            Map.entry("GET /api/settings/soft-delete", Role.READER),
            Map.entry("PUT /api/settings/soft-delete", Role.ADMINISTRATOR),
            Map.entry("GET /api/recovery-plans", Role.READER),
            Map.entry("GET /api/recovery-plans/{name}", Role.READER),
            Map.entry("PUT /api/recovery-plans/{name}", Role.OPERATOR),
            Map.entry("DELETE /api/recovery-plans/{name}", Role.OPERATOR),
            Map.entry("POST /api/recovery-plans/{name}/{operation}", Role.OPERATOR),
            Map.entry("POST /api/recovery-plans/{name}/{operation}/whatIf", Role.READER),
            Map.entry("POST /api/recovery-plans/callbacks/{id}", Role.OPERATOR),
            Map.entry("GET /api/recovery-plans/approvals", Role.READER),
            Map.entry("GET /api/recovery-plans/approvals/{id}", Role.READER),
            Map.entry("POST /api/recovery-plans/approvals/{id}", Role.OPERATOR)));

    /** Ids that name nothing: a call its role allows answers 4xx without touching anything real. */
    static final String NO_SUCH_ID = "00000000-0000-0000-0000-00000000beef";

    static List<String> servedOperations() throws Exception {
        List<String> served = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : OpenApiDocumentTest.operations(OpenApiDocumentTest.served())) {
            served.add(op.getKey());
        }
        served.add("GET /api/console"); // a page for people, hidden from the document
        return served;
    }

    static Response call(String operation, Map<String, String> headers, String query) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1).replace("{id}", NO_SUCH_ID)
                .replace("{name}", "no-such-plan").replace("{operation}", "commit").replaceFirst("^/api", "");
        var request = given().headers(headers).header("User-Agent", "RolesTest");
        if (!method.equals("GET")) {
            request = request.contentType("application/json").body("{}");
        }
        return request.request(method, path + query);
    }

    @Test
    void everyServedOperationDeclaresARole() throws Exception {
        assertThat(servedOperations()).as("operations without a row in the role matrix")
                .allSatisfy(op -> assertThat(MATRIX).containsKey(op));
        assertThat(MATRIX.keySet()).as("rows for operations no longer served")
                .allSatisfy(op -> assertThat(servedOperations()).contains(op));
    }

    @Test
    void eachRoleMayCallExactlyTheOperationsOfItsRoleAndBelow() throws Exception {
        Map<String, Map<String, String>> callers = new LinkedHashMap<>();
        callers.put("none", Principals.of(null, "oid-none", "nobody@contoso.com"));
        for (Role role : Role.values()) {
            callers.put(role.displayName(), Principals.of(role, "oid-" + role, role + "@contoso.com"));
        }
        List<String> wrong = new ArrayList<>();
        for (String op : servedOperations()) {
            Role needed = MATRIX.get(op);
            for (var caller : callers.entrySet()) {
                boolean allowed = !caller.getKey().equals("none")
                        && Role.valueOf(caller.getKey().toUpperCase()).includes(needed);
                Response answer = call(op, caller.getValue(), "");
                if (allowed && answer.statusCode() == 403) {
                    wrong.add(op + " as " + caller.getKey() + ": 403 " + answer.asString());
                } else if (!allowed && (answer.statusCode() != 403
                        || !ProblemDetails.MEDIA_TYPE.equals(answer.contentType())
                        || !needed.displayName().equals(answer.path("requiredRole"))
                        || !caller.getKey().equals(answer.path("callerRole"))
                        || !answer.path("type").toString().endsWith("#role-required"))) {
                    wrong.add(op + " as " + caller.getKey() + ": " + answer.statusCode() + " " + answer.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aReaderMayAskWhatIfOfEveryCallButStartNothing() throws Exception {
        Map<String, String> reader = Principals.of(Role.READER, "oid-reader", "reader@contoso.com");
        List<String> wrong = new ArrayList<>();
        for (String op : servedOperations()) {
            if (!op.startsWith("GET") && !op.endsWith("whatIf") && !op.startsWith("POST /api/jobs")
                    && !op.startsWith("POST /api/approvals")) {
                Response answer = call(op, reader, "?whatIf=true");
                if (answer.statusCode() == 403 || answer.statusCode() == 202) {
                    wrong.add(op + "?whatIf=true as Reader: " + answer.statusCode());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theRefusalSaysWhatToAskFor() {
        call("DELETE /api/protected-items/{id}", Principals.of(Role.OPERATOR, "oid-op", "op@contoso.com"), "")
                .then().statusCode(403).contentType(ProblemDetails.MEDIA_TYPE)
                .body("detail", org.hamcrest.Matchers.containsString("Reprotect.Administrator"))
                .body("detail", org.hamcrest.Matchers.containsString("op@contoso.com"))
                .body("detail", org.hamcrest.Matchers.containsString("has Operator"));
    }
}
