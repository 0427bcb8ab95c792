package io.reprotect.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.arm.LocalArmLifecycle;
import io.reprotect.local.endpoint.DemoEndpoint;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local demo of recovery plans: the three-VM application, ready to reprotect, and the HTTP target. */
@QuarkusTest
class DemoApplicationTest {

    /** Seeded here, apart from the subscription other tests reprotect in. */
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";

    @Inject
    LocalArmLifecycle arm;
    @Inject
    DemoEndpoint endpoint;

    @Test
    void theApplicationsThreeVmsAreFailedOverAndEachMayBeReprotected() {
        List<DemoRegionPair> vms;
        synchronized (DemoApplicationTest.class) {
            vms = DemoSeed.seedApplication(arm.standIn(), SUBSCRIPTION);
        }
        assertThat(vms).extracting(DemoRegionPair::sourceVmId).allMatch(id -> id.contains("/shop-rg-asr/"))
                .extracting(id -> id.substring(id.lastIndexOf('/') + 1)).containsExactly("db01", "app01", "web01");
        for (DemoRegionPair vm : vms) {
            assertThat(arm.standIn().resource(vm.sourceVmId()).path("tags").path("app").asText()).isEqualTo("shop");
            assertThat(arm.standIn().resource(vm.targetVmId()).path("location").asText())
                    .isEqualTo(ArmStandIn.PRIMARY_REGION);
            JsonPath whatIf = given().contentType("application/json").body("{\"vmId\": \"" + vm.sourceVmId()
                    + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}")
                    .post("/reprotect?whatIf=true").then().statusCode(200).extract().jsonPath();
            assertThat(whatIf.getString("status")).as(vm.sourceVmId()).isEqualTo("Succeeded");
        }
        assertThat(vms).extracting(DemoRegionPair::targetAvailabilitySetId).as("one availability set").hasSize(3)
                .containsOnly(vms.get(0).targetAvailabilitySetId());
    }

    @Test
    void theDemoEndpointRecordsCallsAndAnswersAsItsPathSays() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(endpoint.url("/ok")))
                .header("x-api-key", "never-recorded").POST(HttpRequest.BodyPublishers.ofString("{\"a\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create(endpoint.url("/accept?polls=1")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        URI poll = URI.create(endpoint.url(location));
        assertThat(client.send(HttpRequest.newBuilder(poll).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(202);
        assertThat(client.send(HttpRequest.newBuilder(poll).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        DemoEndpoint.Call call = endpoint.calls("/ok").get(endpoint.calls("/ok").size() - 1);
        assertThat(call.body().path("a").asInt()).isEqualTo(1);
        assertThat(call.headerNames()).anyMatch(h -> h.equalsIgnoreCase("x-api-key"));
        String listed = client.send(HttpRequest.newBuilder(URI.create(endpoint.url("/calls"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(listed).contains("/ok").doesNotContain("never-recorded");
    }
}
