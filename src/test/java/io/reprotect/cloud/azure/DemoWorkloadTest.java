package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.local.arm.DemoWorkload;
import io.reprotect.sync.ByteRange;
import io.reprotect.sync.SnapshotDiffs;
import io.reprotect.sync.blob.PageBlobSnapshotDiffs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local demo's VM keeps writing to its disks, and replication's diffs see those writes. */
class DemoWorkloadTest {

    @Test
    void theDemoVmsWritesAndTrimsShowInTheNextDiff() throws InterruptedException {
        try (CloudFixture f = CloudFixture.start()) {
            String diskId = f.demo.sourceDiskIds().get(1);
            SnapshotInfo older = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "wl-1", "northeurope", diskId,
                    true, Map.of()));
            try (DemoWorkload workload = DemoWorkload.start(f.arm, f.demo, Duration.ofMillis(20), 4096)) {
                Instant deadline = Instant.now().plusSeconds(30);
                while (workload.writes() < 12 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
            }
            SnapshotInfo newer = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "wl-2", "northeurope", diskId,
                    true, Map.of()));

            SnapshotDiffs.Diff diff = new PageBlobSnapshotDiffs().diff(
                    f.disks().grantRead(newer.id(), Duration.ofMinutes(5)).sasUrl().toString(),
                    f.disks().grantRead(older.id(), Duration.ofMinutes(5)).sasUrl().toString(),
                    new ByteRange(0, SnapshotDiffs.MAX_WINDOW_BYTES));

            assertFalse(diff.changed().isEmpty(), "the workload's writes are changed ranges");
            assertTrue(diff.changed().stream().allMatch(r -> r.isPageAligned()), diff.changed().toString());
            assertFalse(diff.cleared().isEmpty(), "its trims are cleared ranges");
        }
    }
}
