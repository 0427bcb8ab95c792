package io.reprotect.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication cycles that capture the VM with VM restore points (reprotect.protection.restore-points),
 * through the pipeline, on the ARM stand-in (restore point collections, restore points, disk restore
 * points whose SAS URLs answer page-range diffs) and Azurite.
 */
class RestorePointCycleTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
        f.useRestorePoints = true;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private List<String> ids(String fragment) {
        return f.arm.resourceIds().stream().filter(id -> id.toLowerCase().contains(fragment.toLowerCase())).toList();
    }

    private List<String> restorePoints() {
        return ids("/restorePoints/").stream().filter(id -> !id.toLowerCase().contains("/diskrestorepoints/")).toList();
    }

    @Test
    void eachCycleCapturesBothDisksAtOneInstantAndCopiesOnlyTheDiffOfTheDiskRestorePoints() {
        f.protectDemo("");
        for (int n = 1; n <= 3; n++) {
            f.writeSource(0, n * (8L << 20), 64 << 10);
            f.writeSource(1, n * (3L << 20) + 4096, 4096);
            Job cycle = f.nextCycle();
            f.assertReplicasEqualTheSourceDisks();
            assertThat(cycle.outputs().get("cycleDisks").findValuesAsText("method")).as("diffs of disk restore points")
                    .containsOnly("incremental");
            assertThat(restorePoints()).as("one restore point (the base) between cycles").hasSize(1);
            assertThat(ids("/snapshots/")).as("no per-disk snapshot: the resync's was released").isEmpty();
        }
        RecoveryPoint newest = f.demoItem().latestRecoveryPoint().orElseThrow();
        assertThat(newest.type()).isEqualTo(RecoveryPoint.CRASH_CONSISTENT);
        assertThat(newest.consistency()).as("one instant for both disks").isEqualTo(RecoveryPoint.ALL_DISKS);
        assertThat(f.demoItem().baseSnapshotIds()).allMatch(id -> id.contains("/diskRestorePoints/"));
        assertThat(f.demoItem().inFlightSnapshotIds()).isEmpty();
    }

    @Test
    void anApplicationConsistentPointIsTakenWhenThePolicysFrequencyIsDueAndOnlyThen() {
        f.protectDemo(", \"replicationPolicy\": {\"appConsistentFrequencyInMinutes\": 60}");
        f.nextCycle();
        RecoveryPoint first = f.demoItem().latestRecoveryPoint().orElseThrow();
        String mode = f.arm.resource(restorePoints().get(0)).at("/properties/consistencyMode").asText();
        assertThat(mode).as("the running VM cooperates").isIn("ApplicationConsistent", "FileSystemConsistent");
        assertThat(first.type()).as("recorded as Azure reported it").isEqualTo(mode);
        assertThat(first.consistency()).isEqualTo(mode);
        f.nextCycle();
        assertThat(f.demoItem().latestRecoveryPoint().orElseThrow().consistency()).as("5 minutes later: crash-consistent")
                .isEqualTo(RecoveryPoint.ALL_DISKS);
        for (int n = 0; n < 12; n++) {
            f.nextCycle();
        }
        assertThat(f.demoItem().recoveryPoints().stream().filter(p -> p.type().equals(mode)).count())
                .as("one more an hour later").isEqualTo(2);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void whenAzureRefusesTheRestorePointTheCycleSnapshotsDiskByDiskAndSaysSo() {
        f.protectDemo(", \"replicationPolicy\": {\"appConsistentFrequencyInMinutes\": 0}");
        f.arm.faults().next("PUT", "/restorePoints/reprotect-cycle-", 400, Map.of(), 1);
        f.writeSource(1, 5L << 20, 8192);
        f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(f.demoItem().latestRecoveryPoint().orElseThrow().consistency()).isEqualTo(RecoveryPoint.PER_DISK);
        f.writeSource(0, 6L << 20, 8192);
        f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(f.demoItem().latestRecoveryPoint().orElseThrow().consistency()).isEqualTo(RecoveryPoint.ALL_DISKS);
        assertThat(ids("/snapshots/")).as("the per-disk snapshots were released").isEmpty();
        assertThat(restorePoints()).hasSize(1);
    }

    @Test
    void disablingProtectionDeletesTheRestorePointCollection() {
        java.util.Set<String> before = new java.util.TreeSet<>(f.arm.resourceIds());
        ProtectedItem item = f.protectDemo("");
        f.writeSource(0, 2L << 20, 8192);
        f.nextCycle();
        assertThat(ids("/restorePointCollections/")).isNotEmpty();
        Job disable = f.runToEnd(f.failovers.disable(item.id()).orElseThrow().id());
        assertThat(disable.state()).as(ReprotectFixture.describe(disable)).isEqualTo(JobState.Succeeded);
        assertThat(ids("/restorePointCollections/")).isEmpty();
        assertThat(f.arm.resourceIds()).allMatch(id -> before.stream().anyMatch(b -> b.equalsIgnoreCase(id)));
    }
}
