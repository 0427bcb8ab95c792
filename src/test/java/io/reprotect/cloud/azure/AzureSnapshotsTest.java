package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.models.PageRange;
import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.local.arm.DemoSeed;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureSnapshotsTest {

    static final int MIB = 1 << 20;
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
    void incrementalSnapshotOfARunningVmsDiskKeepsItsPointInTimeBytes() throws Exception {
        String diskId = f.demo.sourceDiskIds().get(1);
        SnapshotInfo snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "app01-data-snap1", "northeurope",
                diskId, true, Map.of("purpose", "reprotect")));
        assertEquals("Succeeded", snap.provisioningState());
        assertTrue(snap.incremental());
        assertTrue(snap.sourceDiskId().equalsIgnoreCase(diskId));
        assertEquals(1, snap.sizeGb());

        // The VM keeps writing after the snapshot: the snapshot must not see it.
        f.arm.blobOf(diskId).uploadPages(new PageRange().setStart(0).setEnd(MIB - 1),
                new ByteArrayInputStream(DemoSeed.pattern(99, MIB)));
        AccessGrant grant = f.disks().grantRead(snap.id(), Duration.ofMinutes(2));
        try {
            assertArrayEquals(DemoSeed.pattern(2, MIB), AzureManagedDisksTest.httpGet(grant.sasUrl(), 0, MIB));
        } finally {
            f.disks().revoke(snap.id());
        }
    }

    @Test
    void fullSnapshotIsACopyThatCanBeFoundAndDeletedTwice() throws Exception {
        String diskId = f.demo.targetDiskIds().get(1);
        SnapshotInfo snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg", "app01-data-full", "westeurope",
                diskId, false, Map.of()));
        assertEquals(snap, f.snapshots().find(snap.id()).orElseThrow());
        AccessGrant grant = f.disks().grantRead(snap.id(), Duration.ofMinutes(2));
        assertArrayEquals(DemoSeed.pattern(2, MIB), AzureManagedDisksTest.httpGet(grant.sasUrl(), 0, MIB));
        f.disks().revoke(snap.id());

        f.snapshots().delete(snap.id());
        assertTrue(f.snapshots().find(snap.id()).isEmpty());
        f.snapshots().delete(snap.id());
    }

    @Test
    void theEngineKeepsItsSnapshotsOnLocallyRedundantStorageNotTheZoneRedundantDefault() {
        SnapshotInfo snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg", "lrs-base",
                "westeurope", f.demo.targetDiskIds().get(0), true, Map.of()));
        assertEquals("Standard_LRS", f.arm.resource(snap.id()).path("sku").path("name").asText(),
                "priced in the cost model at the LRS snapshot rate");
        f.snapshots().delete(snap.id());
    }

    @Test
    void creatingTheSameSnapshotTwiceTakesItOnce() {
        SnapshotSpec spec = new SnapshotSpec(f.arm.subscriptionId(), "app-rg", "twice", "westeurope", f.demo.targetDiskIds().get(0), true, Map.of());
        int before = f.arm.createdCount("Microsoft.Compute/snapshots");
        SnapshotInfo first = f.snapshots().create(spec);
        SnapshotInfo second = f.snapshots().create(spec);
        assertEquals(first.id(), second.id());
        assertEquals(before + 1, f.arm.createdCount("Microsoft.Compute/snapshots"));
    }

    @Test
    void snapshotOfAMissingDiskIsNotFound() {
        assertThrows(CloudException.NotFound.class, () -> f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg", "orphan",
                "westeurope", f.id("app-rg", "Microsoft.Compute/disks", "gone"), true, Map.of())));
    }
}
