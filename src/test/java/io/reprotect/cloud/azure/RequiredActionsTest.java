package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.AvailabilitySetSpec;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.StorageAccountSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            new AzureRegionProbe(f.managers).probe(f.arm.subscriptionId(), "westeurope");

            Set<String> missing = new TreeSet<>(f.arm.actionsSeen());
            missing.removeAll(ArmPermissions.REQUIRED_ACTIONS);
            assertEquals(Set.of(), missing, "add these to ArmPermissions.REQUIRED_ACTIONS");
            assertTrue(f.arm.actionsSeen().contains("Microsoft.Compute/virtualMachines/deallocate/action"));
        }
    }

    @Test
    void theOperatorRoleGrantsExactlyTheRequiredAndBlobServiceActions() throws Exception {
        Path json = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "infra",
                "reprotect-operator-actions.json");
        List<String> granted = new ObjectMapper().readValue(json.toFile(), new TypeReference<List<String>>() { });
        Set<String> expected = new TreeSet<>(ArmPermissions.REQUIRED_ACTIONS);
        expected.addAll(ArmPermissions.BLOB_SERVICE_ACTIONS);
        assertEquals(expected, new TreeSet<>(granted), json + " must hold exactly ArmPermissions.REQUIRED_ACTIONS "
                + "and BLOB_SERVICE_ACTIONS");
    }

    @Test
    void pollsAreRecordedUnderTheActionOfTheirOperationKind() {
        try (CloudFixture f = CloudFixture.start()) {
            String disk = f.demo.sourceDiskIds().get(0);
            f.vms().deallocate(f.demo.sourceVmId());
            f.disks().grantRead(disk, Duration.ofMinutes(1));
            assertTrue(f.arm.actionsSeen().contains("Microsoft.Compute/locations/operations/read"), "VM operation poll");
            assertTrue(f.arm.actionsSeen().contains("Microsoft.Compute/locations/DiskOperations/read"),
                    "disk operation poll: " + f.arm.actionsSeen());
            f.storageAccounts().createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg", "asrpoll01", "westeurope"));
            assertTrue(f.arm.actionsSeen().contains("Microsoft.Storage/locations/asyncoperations/read"));
        }
    }

    @Test
    void requiredActionsHaveNoDuplicates() {
        assertEquals(ArmPermissions.REQUIRED_ACTIONS.size(), Set.copyOf(ArmPermissions.REQUIRED_ACTIONS).size());
    }
}
