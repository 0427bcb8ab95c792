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
        ArmStandIn.Options slow = ArmStandIn.Options.defaults().withLongRunningOperations(4, Duration.ofMinutes(1));
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
    void grantAccessThroughSlowOperationStillReturnsAWorkingSas() throws Exception {
        ArmStandIn.Options slow = ArmStandIn.Options.defaults().withLongRunningOperations(3, Duration.ofMinutes(1));
        try (ArmStandIn arm = ArmStandIn.start(slow)) {
            DemoRegionPair demo = DemoSeed.seed(arm);
            ArmManagers managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionId(),
                    CloudFixture.FAST_POLL));
            new AzureVirtualMachines(managers).deallocate(demo.sourceVmId());
            var grant = new AzureManagedDisks(managers).grantRead(demo.sourceDiskIds().get(0), Duration.ofMinutes(1));
            assertEquals(1 << 20, AzureManagedDisksTest.httpGet(grant.sasUrl(), 0, 1 << 20).length);
        }
    }

    @Test
    void beginDeallocateReturnsAtOnceAndTheVmIsDeallocatedLaterWithoutPolling() throws Exception {
        ArmStandIn.Options options = ArmStandIn.Options.defaults().withLongRunningOperations(1000, Duration.ofMillis(300));
        try (ArmStandIn arm = ArmStandIn.start(options)) {
            DemoRegionPair demo = DemoSeed.seed(arm);
            AzureVirtualMachines vms = new AzureVirtualMachines(ArmManagers.connect(ArmSettings.local(arm.endpoint(),
                    arm.subscriptionId(), CloudFixture.FAST_POLL)));
            vms.beginDeallocate(demo.targetVmId());
            assertEquals(PowerState.DEALLOCATING, vms.find(demo.targetVmId()).orElseThrow().powerState());
            Thread.sleep(400);
            assertEquals(PowerState.DEALLOCATED, vms.find(demo.targetVmId()).orElseThrow().powerState());

            vms.beginDelete(demo.targetVmId());
            Thread.sleep(400);
            assertTrue(vms.find(demo.targetVmId()).isEmpty());
            vms.beginDelete(demo.targetVmId());
        }
    }
}
