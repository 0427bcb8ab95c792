package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.PowerState;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Long-running operations that stay in progress for several polls, and state a person can inspect. */
class StandInLongRunningOperationsTest {

    @Test
    void deallocateCompletesAfterSeveralPollsAndShowsInAPlainGet() throws Exception {
        ArmStandIn.Options slow = ArmStandIn.Options.defaults();
        slow = new ArmStandIn.Options(0, slow.subscriptionId(), slow.regionAccounts(), 4);
        try (ArmStandIn arm = ArmStandIn.start(slow)) {
            DemoRegionPair demo = DemoSeed.seed(arm);
            ArmManagers managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionId(),
                    CloudFixture.FAST_POLL));
            new AzureVirtualMachines(managers).deallocate(demo.targetVmId());
            assertEquals(PowerState.DEALLOCATED, new AzureVirtualMachines(managers).find(demo.targetVmId()).orElseThrow().powerState());

            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(arm.endpoint() + demo.targetVmId().substring(1) + "?$expand=instanceView")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            JsonNode vm = new ObjectMapper().readTree(get.body());
            assertEquals("PowerState/deallocated", vm.at("/properties/instanceView/statuses/1/code").asText());

            HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(arm.endpoint())).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(overview.body().contains("app01-datadisk-asr"), overview.body());
        }
    }

    @Test
    void grantAccessThroughSlowOperationStillReturnsTheSas() {
        ArmStandIn.Options slow = ArmStandIn.Options.defaults();
        slow = new ArmStandIn.Options(0, slow.subscriptionId(), slow.regionAccounts(), 3);
        try (ArmStandIn arm = ArmStandIn.start(slow)) {
            DemoRegionPair demo = DemoSeed.seed(arm);
            ArmManagers managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionId(),
                    CloudFixture.FAST_POLL));
            new AzureVirtualMachines(managers).deallocate(demo.sourceVmId());
            var grant = new AzureManagedDisks(managers).grantRead(demo.sourceDiskIds().get(0), Duration.ofMinutes(1));
            assertTrue(grant.sasUrl().getQuery().contains("sp=r"), "read-only SAS");
        }
    }
}
