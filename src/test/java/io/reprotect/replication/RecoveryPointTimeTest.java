package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.job.Job;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.reprotect.ResyncDisks;
import io.reprotect.request.ResourceId;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A recovery point's time is when Azure captured its disks, not when its stage first started. */
class RecoveryPointTimeTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private SnapshotInfo cycleSnapshot(String jobId, int disk) {
        ResourceId source = ResourceId.parse(f.demo.sourceDiskIds().get(disk));
        return f.snapshots.find("/subscriptions/" + source.subscriptionId() + "/resourceGroups/" + source.resourceGroup()
                + "/providers/Microsoft.Compute/snapshots/" + SnapshotSourceDisks.name(jobId, disk)).orElseThrow();
    }

    @Test
    void aPointsTimeIsTheLastDisksSnapshotTimeWhenTheSnapshotStageIsRetriedLater() {
        f.protectDemo("");
        RecoveryPoint first = f.demoItem().replicaSet().recoveryPoints().get(0);
        assertThat(first.time()).as("the first point: when the resync's last source snapshot was taken")
                .isAfterOrEqualTo(f.job(f.demoItem().origin().reprotectJobId()).task(ResyncDisks.NAME).orElseThrow().startTime());

        // the data disk's snapshot is throttled: the stage takes it ten minutes after it first started
        f.arm.faults().throttle("PUT", "/snapshots/reprotect-cycle-[^/]*-1$", Duration.ofMinutes(10));
        Job cycle = f.nextCycle();

        Instant firstStart = cycle.task(SnapshotSourceDisks.NAME).orElseThrow().startTime();
        Instant dataDiskCaptured = cycleSnapshot(cycle.id(), 1).timeCreated();
        RecoveryPoint point = f.demoItem().latestRecoveryPoint().orElseThrow();
        assertThat(dataDiskCaptured).as("taken on the retry").isAfterOrEqualTo(firstStart.plus(Duration.ofMinutes(10)));
        assertThat(cycleSnapshot(cycle.id(), 0).timeCreated()).as("the OS disk's, on the first attempt")
                .isBefore(dataDiskCaptured);
        assertThat(point.time()).as("the last disk's capture time as Azure reports it").isEqualTo(dataDiskCaptured);
        // the stand-in reports the capture instant on the app's clock
        assertThat(point.time()).isBefore(f.clock.instant());
    }
}
