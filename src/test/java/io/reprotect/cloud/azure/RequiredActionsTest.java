package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.AvailabilitySetSpec;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.StorageAccountSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The custom role derived from ArmPermissions must cover every action the adapters perform. */
class RequiredActionsTest {

    @Test
    void everyActionTheAdaptersPerformIsRequired() {
        try (CloudFixture f = CloudFixture.start()) {
            f.resourceGroups().createIfMissing(f.arm.subscriptionId(), "app-rg-target", "westeurope", Map.of());
            f.availabilitySets().createIfMissing(AvailabilitySetSpec.managed(f.arm.subscriptionId(), "app-rg", "app-avset", "westeurope"));
            f.availabilitySets().createIfMissing(AvailabilitySetSpec.managed(f.arm.subscriptionId(), "app-rg", "app-avset-2", "westeurope"));
            f.storageAccounts().checkNameAvailability(f.arm.subscriptionId(), "asrcache01");
            f.storageAccounts().createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg", "asrcache01", "westeurope"));
            f.vms().find(f.demo.targetVmId());
            f.vms().deallocate(f.demo.targetVmId());
            String disk = f.demo.targetDiskIds().get(0);
            f.disks().find(disk);
            f.disks().grantRead(disk, Duration.ofMinutes(1));
            f.disks().revoke(disk);
            var snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg", "s1", "westeurope", disk, true, Map.of()));
            f.snapshots().find(snap.id());
            f.disks().grantRead(snap.id(), Duration.ofMinutes(1));
            f.disks().revoke(snap.id());
            f.snapshots().delete(snap.id());
            f.vms().delete(f.demo.targetVmId());

            Set<String> missing = new TreeSet<>(f.arm.actionsSeen());
            missing.removeAll(ArmPermissions.REQUIRED_ACTIONS);
            assertEquals(Set.of(), missing, "add these to ArmPermissions.REQUIRED_ACTIONS");
            assertTrue(f.arm.actionsSeen().contains("Microsoft.Compute/virtualMachines/deallocate/action"));
        }
    }

    @Test
    void requiredActionsHaveNoDuplicates() {
        assertEquals(ArmPermissions.REQUIRED_ACTIONS.size(), Set.copyOf(ArmPermissions.REQUIRED_ACTIONS).size());
    }
}
