package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.compute.ComputeManager;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.NicSpec;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.VmCreateSpec;
import io.reprotect.cloud.VmShape;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's outage controls through their Java API (locks, regions down, a VM start that finds
 * no capacity), met through the real azure-resourcemanager SDK and the engine's adapters.
 */
class StandInOutageControlsTest {

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

    @Test
    void deletingALockedDiskAnswersScopeLockedAndKeepsTheDiskUntilTheLockIsRemoved() {
        String disk = f.arm.createDisk("app-rg", "spare01", "westeurope", 1, "Standard_LRS");
        f.arm.locks().lock(disk);

        ManagementException e = assertThrows(ManagementException.class, () -> compute.disks().deleteById(disk));
        assertEquals(409, e.getResponse().getStatusCode());
        assertEquals("ScopeLocked", e.getValue().getCode());
        assertEquals("The scope '" + disk + "' cannot perform delete operation because following scope(s) are locked: '"
                + disk + "'. Please remove the lock and try again.", e.getValue().getMessage());
        assertNotNull(f.arm.resource(disk), "a refused delete changes nothing");

        assertEquals(1, f.arm.locks().unlock(disk));
        f.disks().delete(disk);
        assertEquals(null, f.arm.resource(disk));
    }

    @Test
    void aLockOnTheResourceGroupCoversTheResourcesInItButNotOtherGroups() {
        String locked = f.arm.createDisk("app-rg", "spare02", "westeurope", 1, "Standard_LRS");
        String free = f.arm.createDisk("app-rg-asr", "spare03", "northeurope", 1, "Standard_LRS");
        String group = "/subscriptions/" + f.arm.subscriptionId() + "/resourceGroups/app-rg";
        f.arm.locks().lock(group);

        CloudException e = assertThrows(CloudException.class, () -> f.disks().delete(locked));
        assertEquals(409, e.status());
        assertEquals("ScopeLocked", e.errorCode());
        assertTrue(e.getMessage().contains("following scope(s) are locked: '" + group + "'"), e.getMessage());
        assertNotNull(f.arm.resource(locked));

        f.disks().delete(free);
        assertEquals(null, f.arm.resource(free));
    }

    @Test
    void whileARegionIsDownItsResourcesAnswerGatewayTimeoutAndTheOtherRegionKeepsAnswering() {
        f.arm.regions().down("northeurope");

        ManagementException e = assertThrows(ManagementException.class,
                () -> compute.virtualMachines().getById(f.demo.sourceVmId()));
        assertEquals(504, e.getResponse().getStatusCode());
        assertEquals("GatewayTimeout", e.getValue().getCode());
        CloudException classified = assertThrows(CloudException.class, () -> f.vms().find(f.demo.sourceVmId()));
        assertTrue(classified.retryable(), classified.toString());
        assertEquals(PowerState.DEALLOCATED, f.vms().find(f.demo.targetVmId()).orElseThrow().powerState(),
                "westeurope still answers");
        assertTrue(f.resourceGroups().find(f.arm.subscriptionId(), "app-rg-asr").isPresent(),
                "ARM's global front end still answers for resource groups");

        f.arm.regions().up("northeurope");
        assertEquals(PowerState.RUNNING, f.vms().find(f.demo.sourceVmId()).orElseThrow().powerState());
    }

    @Test
    void aVmStartThatFindsNoCapacityEndsAllocationFailedAndTheVmStaysDeallocated() {
        String vm = f.demo.targetVmId();
        f.vms().deallocate(vm);
        f.arm.faults().failNextVmStart(vm);

        ManagementException e = assertThrows(ManagementException.class, () -> compute.virtualMachines().getById(vm).start());
        assertEquals("AllocationFailed", e.getValue().getCode());
        assertTrue(e.getValue().getMessage().startsWith("Allocation failed. We do not have sufficient capacity"),
                e.getValue().getMessage());
        assertEquals(PowerState.DEALLOCATED, f.vms().find(vm).orElseThrow().powerState());

        f.vms().start(vm); // only the next start fails
        assertEquals(PowerState.RUNNING, f.vms().find(vm).orElseThrow().powerState());
    }

    @Test
    void aVmCreationThatFindsNoCapacityEndsAllocationFailedAndLeavesTheVmDeallocatedAndFailed() {
        VmShape shape = f.capture().capture(f.demo.targetVmId()).orElseThrow();
        f.vms().keepResourcesOnDelete(f.demo.targetVmId()); // its OS disk and NIC would go with it otherwise
        f.vms().delete(f.demo.targetVmId()); // frees its disks to build a VM over them
        VmShape.Nic nic = f.networks().createNic(new NicSpec("app-rg", "vm5-nic", "westeurope",
                f.demo.testVnetId() + "/subnets/default", null, null, false, Map.of()));
        f.arm.faults().failNextVmStart("/virtualMachines/vm5$");
        VmCreateSpec spec = new VmCreateSpec("app-rg", "vm5", "westeurope", shape, f.demo.targetDiskIds().get(0),
                Map.of(), List.of(nic.id()), Map.of(), false);

        CloudException e = assertThrows(CloudException.class, () -> f.vms().create(spec));
        assertEquals("AllocationFailed", e.errorCode());
        String vm = f.id("app-rg", "Microsoft.Compute/virtualMachines", "vm5");
        assertEquals(PowerState.DEALLOCATED, f.vms().find(vm).orElseThrow().powerState());
        assertEquals("Failed", f.arm.resource(vm).at("/properties/provisioningState").asText());
    }

    @Test
    void whileARegionIsDownReadsOfItsIncrementalSnapshotsThroughTheirSasAnswerServerBusy() throws Exception {
        f.vms().deallocate(f.demo.sourceVmId());
        var snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "s-outage", "northeurope",
                f.demo.sourceDiskIds().get(0), true, Map.of()));
        var grant = f.disks().grantRead(snap.id(), Duration.ofMinutes(5));
        assertEquals(512, AzureManagedDisksTest.httpGet(grant.sasUrl(), 0, 512).length);

        f.arm.regions().down("northeurope");
        HttpResponse<String> lost = HttpClient.newHttpClient().send(HttpRequest.newBuilder(grant.sasUrl())
                .header("x-ms-range", "bytes=0-511").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, lost.statusCode());
        assertEquals("ServerBusy", lost.headers().firstValue("x-ms-error-code").orElseThrow());

        f.arm.regions().up("northeurope");
        assertEquals(512, AzureManagedDisksTest.httpGet(grant.sasUrl(), 0, 512).length);
    }
}
