package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.ComputeManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.PowerState;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in's dev-only control surface ({@code /_standin/...}) driven over HTTP, as an operator with curl would. */
class StandInControlSurfaceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    CloudFixture f;
    ComputeManager compute;

    @BeforeEach
    void start() {
        f = CloudFixture.start();
        compute = f.managers.of(f.arm.subscriptionId()).compute();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.arm.endpoint() + pathAndQuery.substring(1)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aRegionDeclaredDownAnswersGatewayTimeoutForItsVmsWhileTheOtherRegionAnswers() throws Exception {
        assertEquals(200, send("POST", "/_standin/regions/northeurope/down", null).statusCode());

        HttpResponse<String> lost = send("GET", f.demo.sourceVmId() + "?api-version=2024-07-01", null);
        assertEquals(504, lost.statusCode());
        assertEquals("GatewayTimeout", json(lost).at("/error/code").asText());
        assertEquals("The gateway did not receive a response from 'Microsoft.Compute' within the specified time period.",
                json(lost).at("/error/message").asText());
        assertEquals("service", lost.headers().firstValue("x-ms-failure-cause").orElseThrow());
        assertEquals(504, send("GET", "/subscriptions/" + f.arm.subscriptionId()
                + "/providers/Microsoft.Compute/locations/northeurope/usages?api-version=2024-07-01", null).statusCode());
        assertEquals(200, send("GET", f.demo.targetVmId() + "?api-version=2024-07-01", null).statusCode());
        JsonNode regions = json(send("GET", "/_standin/regions", null)).get("regions");
        assertEquals("{\"name\":\"northeurope\",\"down\":true}", regions.get(0).toString());
        assertEquals("{\"name\":\"westeurope\",\"down\":false}", regions.get(1).toString());

        assertEquals(200, send("POST", "/_standin/regions/northeurope/up", null).statusCode());
        assertEquals(200, send("GET", f.demo.sourceVmId() + "?api-version=2024-07-01", null).statusCode());
    }

    @Test
    void aLockPutOverHttpMakesTheSdksDeleteFailWithScopeLockedAndTheDiskStays() throws Exception {
        String disk = f.arm.createDisk("app-rg", "spare11", "westeurope", 1, "Standard_LRS");
        HttpResponse<String> put = send("PUT", "/_standin/locks?resourceId=" + enc(disk), null);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("CanNotDelete", json(put).at("/properties/level").asText());

        ManagementException e = assertThrows(ManagementException.class, () -> compute.disks().deleteById(disk));
        assertEquals(409, e.getResponse().getStatusCode());
        assertEquals("ScopeLocked", e.getValue().getCode());
        assertNotNull(f.arm.resource(disk));

        HttpResponse<String> removed = send("DELETE", "/_standin/locks?resourceId=" + enc(disk), null);
        assertEquals(1, json(removed).get("removed").asInt());
        f.disks().delete(disk);
        assertNull(f.arm.resource(disk));
    }

    @Test
    void aLockCanAlsoBePutAsTheArmResourceAsAzCliWould() throws Exception {
        String group = "/subscriptions/" + f.arm.subscriptionId() + "/resourceGroups/app-rg";
        String lock = group + "/providers/Microsoft.Authorization/locks/keep?api-version=2020-05-01";
        HttpResponse<String> put = send("PUT", lock, "{\"properties\":{\"level\":\"CanNotDelete\",\"notes\":\"last copy\"}}");
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(group + "/providers/Microsoft.Authorization/locks/keep", json(put).get("id").asText());
        assertEquals(400, send("PUT", lock, "{\"properties\":{\"level\":\"ReadOnly\"}}").statusCode());

        String disk = f.arm.createDisk("app-rg", "spare12", "westeurope", 1, "Standard_LRS");
        HttpResponse<String> refused = send("DELETE", disk + "?api-version=2024-03-02", null);
        assertEquals(409, refused.statusCode());
        assertEquals("The scope '" + disk + "' cannot perform delete operation because following scope(s) are locked: '"
                + group + "'. Please remove the lock and try again.", json(refused).at("/error/message").asText());

        assertEquals(200, send("DELETE", lock, null).statusCode());
        assertTrue(f.arm.locks().all().isEmpty(), "the lock is gone"); // a GET needs locks/read, not the engine's
        assertEquals(202, send("DELETE", disk + "?api-version=2024-03-02", null).statusCode());
        assertTrue(f.arm.actionsSeen().containsAll(java.util.List.of("Microsoft.Authorization/locks/write",
                "Microsoft.Authorization/locks/delete")), "lock calls are checked and recorded as Authorization "
                + "actions (the engine locks the replica accounts it creates): " + f.arm.actionsSeen());
    }

    @Test
    void aVmStartFailureMakesTheSdksStartThrowAllocationFailedAndTheVmStaysDeallocated() throws Exception {
        String vm = f.demo.targetVmId();
        f.vms().deallocate(vm);
        HttpResponse<String> armed = send("POST", "/_standin/vm-start-failures", "{\"vmId\":\"" + vm + "\"}");
        assertEquals(201, armed.statusCode(), armed.body());

        ManagementException e = assertThrows(ManagementException.class, () -> compute.virtualMachines().getById(vm).start());
        assertEquals("AllocationFailed", e.getValue().getCode());
        assertEquals(PowerState.DEALLOCATED, f.vms().find(vm).orElseThrow().powerState());
    }

    @Test
    void faultAndThrottlingRulesFireTheirCountThenStopAndCanBeCleared() throws Exception {
        String vm = f.demo.targetVmId() + "?api-version=2024-07-01";
        assertEquals(201, send("POST", "/_standin/faults",
                "{\"method\":\"GET\",\"pathRegex\":\"/virtualMachines/app01$\",\"status\":500,\"count\":1}").statusCode());
        assertEquals(500, send("GET", vm, null).statusCode());
        assertEquals(200, send("GET", vm, null).statusCode());

        assertEquals(201, send("POST", "/_standin/faults/throttle",
                "{\"method\":\"GET\",\"pathRegex\":\"/virtualMachines/app01$\",\"retryAfterSeconds\":7,\"count\":5}").statusCode());
        HttpResponse<String> throttled = send("GET", vm, null);
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, send("DELETE", "/_standin/faults", null).statusCode());
        assertEquals(200, send("GET", vm, null).statusCode());
        assertTrue(f.arm.actionLog().stream().noneMatch(l -> l.contains("_standin")), "control calls are not ARM calls");
    }

    @Test
    void badInputAnswers400WithAMessageSayingWhatToSend() throws Exception {
        assertBad(send("POST", "/_standin/regions/atlantis/down", null), "Unknown region 'atlantis'");
        assertBad(send("POST", "/_standin/regions/westeurope/sideways", null), "/down or /up");
        assertBad(send("PUT", "/_standin/locks", null), "resourceId is required");
        assertBad(send("POST", "/_standin/faults", "not json"), "not JSON");
        assertBad(send("POST", "/_standin/faults", "{\"pathRegex\":\"/disks/\",\"status\":200}"), "\"status\" must be");
        assertBad(send("POST", "/_standin/faults", "{\"pathRegex\":\"(\",\"status\":500}"), "not a valid regular expression");
        assertBad(send("POST", "/_standin/faults", "{\"pathRegex\":\"/disks/\",\"status\":500,\"cout\":2}"), "Unknown field \"cout\"");
        assertBad(send("POST", "/_standin/faults", "{\"method\":\"FETCH\",\"pathRegex\":\"/disks/\",\"status\":500}"), "\"method\"");
        assertBad(send("POST", "/_standin/vm-start-failures", "{}"), "vmId");
        assertBad(send("PUT", "/_standin/throttling", "{\"enabled\":\"yes\"}"), "enabled");
        HttpResponse<String> missing = send("PUT", "/_standin/locks?resourceId=" + enc("/subscriptions/"
                + f.arm.subscriptionId() + "/resourceGroups/nope"), null);
        assertEquals(404, missing.statusCode());
        assertEquals(200, send("GET", f.demo.targetVmId() + "?api-version=2024-07-01", null).statusCode(),
                "a refused control request injects nothing");
    }

    private static void assertBad(HttpResponse<String> response, String messagePart) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("InvalidControlRequest", json(response).at("/error/code").asText());
        String message = json(response).at("/error/message").asText();
        assertTrue(message.contains(messagePart), message);
    }
}
