package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention never prunes a recovery point a running drill is creating disks from. */
class RetentionInUseTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private boolean replicaSnapshotExists(RecoveryPoint point) {
        RecoveryPoint.DiskPoint disk = point.disks().get(point.disks().size() - 1);
        return f.replicaBlob(disk.blobName()).getSnapshotClient(disk.snapshot()).exists();
    }

    private boolean waitsOutThrottling(Job job) {
        return job.pending() != null && "create-failover-disks".equals(job.pending().stage())
                && job.pending().notBefore() != null && job.pending().notBefore().isAfter(f.clock.instant());
    }

    @Test
    void retentionKeepsTheOldPointADrillIsCopyingAndPrunesItOnceTheDrillIsDone() {
        f.protectDemo(", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 1, "
                + "\"appConsistentFrequencyInMinutes\": 0}");
        for (int n = 0; n < 10; n++) {
            f.nextCycle(); // 50 minutes
        }
        RecoveryPoint oldest = f.demoItem().replicaSet().recoveryPoints().get(0);
        String itemId = f.demoItem().id();
        // the drill creates disks from the oldest point; its data disk's import waits (Compute throttles it)
        f.arm.faults().throttle("PUT", "/disks/[^/]*datadisk[^/]*$", Duration.ofMinutes(40));
        Job drill = f.failovers.testFailover(itemId, oldest.id(), f.demo.testVnetId(), false,
                UUID.randomUUID().toString());
        f.host.runUntil(() -> waitsOutThrottling(f.job(drill.id())), 200, Duration.ZERO);
        assertThat(f.job(drill.id()).state().ended()).as("the drill is still creating disks").isFalse();

        Job cycle = null;
        for (int n = 0; n < 4; n++) {
            cycle = f.nextCycle(); // 70 minutes: the oldest point is past the 1-hour retention
        }

        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("the drill's point is kept").extracting(RecoveryPoint::id)
                .contains(oldest.id());
        assertThat(replicaSnapshotExists(oldest)).as("with its replica snapshots").isTrue();
        assertThat(cycle.outputs().get(PruneRecoveryPoints.KEPT_IN_USE.name()).toString()).contains(oldest.id())
                .contains(drill.id());
        assertThat(f.demoItem().replicaSet().recoveryPoints().get(1).time()).as("a point of the same age not in use is pruned")
                .isAfter(oldest.time().plus(Duration.ofMinutes(9)));

        f.arm.faults().clear();
        Job done = f.runToEnd(drill.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        f.nextCycle();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).as("pruned once the drill no longer uses it")
                .extracting(RecoveryPoint::id).doesNotContain(oldest.id());
        assertThat(replicaSnapshotExists(oldest)).isFalse();
    }
}
