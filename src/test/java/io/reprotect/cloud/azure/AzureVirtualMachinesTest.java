package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VmInfo;
import io.reprotect.local.arm.DemoSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureVirtualMachinesTest {

    static CloudFixture f;

    @BeforeAll
    static void start() {
        f = CloudFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void failedOverVmShowsRegionDisksPowerStateAndFailoverTags() {
        VmInfo vm = f.vms().find(f.demo.sourceVmId()).orElseThrow();
        assertEquals("app01", vm.name());
        assertEquals("app-rg-asr", vm.resourceGroup());
        assertEquals("northeurope", vm.region());
        assertEquals(PowerState.RUNNING, vm.powerState());
        // Compute upper-cases the resource group in attached-disk ids
        assertEquals(f.demo.sourceDiskIds().stream().map(id -> id.replace("/app-rg-asr/", "/APP-RG-ASR/")).toList(),
                vm.allDiskIds());
        assertEquals(f.demo.targetVmId(), vm.tags().get(DemoSeed.TAG_SOURCE_VM));
        assertEquals("app-rg", vm.tags().get(DemoSeed.TAG_SOURCE_RG));
        assertTrue(vm.availabilitySet().isEmpty());
    }

    @Test
    void oldPrimaryVmIsInItsAvailabilitySet() {
        VmInfo vm = f.vms().find(f.demo.targetVmId()).orElseThrow();
        assertEquals("westeurope", vm.region());
        assertTrue(vm.availabilitySetId().equalsIgnoreCase(f.demo.targetAvailabilitySetId()));
    }

    @Test
    void missingVmOrResourceGroupIsEmpty() {
        assertTrue(f.vms().find(f.id("app-rg", "Microsoft.Compute/virtualMachines", "nope")).isEmpty());
        assertTrue(f.vms().find(f.id("no-such-rg", "Microsoft.Compute/virtualMachines", "app01")).isEmpty());
    }

    @Test
    void deallocateWaitsUntilDeallocatedAndIsIdempotent() {
        f.arm.createDisk("app-rg", "dealloc-os", "westeurope", 1, "Premium_LRS");
        String vmId = f.arm.createVm("app-rg", "dealloc01", "westeurope",
                f.id("app-rg", "Microsoft.Compute/disks", "dealloc-os"), java.util.List.of(), null, java.util.Map.of(), "running");
        f.vms().deallocate(vmId);
        assertEquals(PowerState.DEALLOCATED, f.vms().find(vmId).orElseThrow().powerState());
        f.vms().deallocate(vmId);
        assertEquals(PowerState.DEALLOCATED, f.vms().find(vmId).orElseThrow().powerState());
        assertEquals("Reserved", f.disks().find(f.id("app-rg", "Microsoft.Compute/disks", "dealloc-os")).orElseThrow().diskState());
    }

    @Test
    void deallocatingMissingVmIsNotFound() {
        CloudException e = assertThrows(CloudException.NotFound.class,
                () -> f.vms().deallocate(f.id("app-rg", "Microsoft.Compute/virtualMachines", "ghost")));
        assertEquals("ResourceNotFound", e.errorCode());
    }

    @Test
    void deleteRemovesVmKeepsDisksAndIsIdempotent() {
        String osId = f.arm.createDisk("app-rg", "del-os", "westeurope", 1, "Premium_LRS");
        String vmId = f.arm.createVm("app-rg", "del01", "westeurope", osId, java.util.List.of(),
                f.demo.targetAvailabilitySetId(), java.util.Map.of(), "running");
        f.vms().delete(vmId);
        assertTrue(f.vms().find(vmId).isEmpty());
        assertEquals("Unattached", f.disks().find(osId).orElseThrow().diskState());
        assertTrue(f.availabilitySets().find(f.demo.targetAvailabilitySetId()).orElseThrow().vmIds().stream()
                .noneMatch(id -> id.equalsIgnoreCase(vmId)));
        f.vms().delete(vmId);
    }
}
