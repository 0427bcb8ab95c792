package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.CloudException;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
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
    void aCycleWithARestorePointCapturesBothDisksAtOneInstantAndTheNextCyclesDiffItsDiskRestorePoints() {
        f.protectDemo(", \"replicationPolicy\": {\"appConsistentFrequencyInMinutes\": 0}");
        f.writeSource(0, 8L << 20, 64 << 10);
        f.writeSource(1, (3L << 20) + 4096, 4096);
        Job first = f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        RecoveryPoint point = f.demoItem().latestRecoveryPoint().orElseThrow();
        assertThat(point.type()).isEqualTo(RecoveryPoint.CRASH_CONSISTENT);
        assertThat(point.consistency()).as("one instant for both disks").isEqualTo(RecoveryPoint.ALL_DISKS);
        assertThat(point.capture()).isEqualTo(RecoveryPoint.Capture.CrashConsistentRestorePoint);
        assertThat(point.time()).as("the restore point's own creation time").isEqualTo(java.time.Instant.parse(
                f.arm.resource(restorePoints().get(0)).at("/properties/timeCreated").asText()));
        assertThat(first.outputs().get("cycleDisks").findValuesAsText("method")).containsOnly("incremental");
        assertThat(f.demoItem().replicaSet().baseSnapshotIds()).allMatch(id -> id.contains("/diskRestorePoints/"));
        f.arm.finishOperations(); // the deletes the cycle fired end long before the next cycle, as in Azure
        assertThat(ids("/snapshots/")).as("no per-disk snapshot: the resync's was released").isEmpty();

        for (int n = 2; n <= 3; n++) {
            f.writeSource(0, n * (8L << 20), 64 << 10);
            f.writeSource(1, n * (3L << 20) + 4096, 4096);
            Job cycle = f.nextCycle();
            f.assertReplicasEqualTheSourceDisks();
            RecoveryPoint newest = f.demoItem().latestRecoveryPoint().orElseThrow();
            assertThat(newest.capture()).as("cycle " + n + ": no restore point due within the hour")
                    .isEqualTo(RecoveryPoint.Capture.DiskSnapshots);
            assertThat(newest.consistency()).as("told as it is").isEqualTo(RecoveryPoint.PER_DISK);
            assertThat(cycle.outputs().get("cycleDisks").findValuesAsText("method"))
                    .as("a snapshot diffs against a disk restore point, and snapshots against each other")
                    .containsOnly("incremental");
            f.arm.finishOperations(); // the delete the cycle fired
            assertThat(restorePoints()).as("the restore point was released once a snapshot became the base").isEmpty();
        }
        assertThat(f.demoItem().replicaSet().inFlightSnapshotIds()).as("only the captures whose delete the last cycle "
                + "fired, verified by the next cycle").noneMatch(id -> f.arm.resourceIds().stream()
                        .anyMatch(r -> r.equalsIgnoreCase(SourceSnapshots.owner(id))));
        assertThat(f.arm.restorePointLimits().refused()).isZero();
    }

    @Test
    void threeHoursOfFiveMinuteCyclesTakeRestorePointsOnlyAsOftenAsAzureAllowsAndKeepTheRpo() {
        f.protectDemo(", \"replicationPolicy\": {\"appConsistentFrequencyInMinutes\": 180}");
        java.time.Instant firstCycle = null;
        java.util.Map<Long, RecoveryPoint.Capture> captures = new java.util.TreeMap<>();
        for (int n = 1; n <= 38; n++) { // cycles at 0, 5, ..., 185 minutes
            f.writeSource(n % 2, (n % 16) * (1L << 20), 8192);
            f.nextCycle();
            RecoveryPoint newest = f.demoItem().latestRecoveryPoint().orElseThrow();
            firstCycle = firstCycle == null ? newest.time() : firstCycle;
            captures.put(Math.round(Duration.between(firstCycle, newest.time()).toSeconds() / 60.0), newest.capture());
        }
        f.assertReplicasEqualTheSourceDisks();
        assertThat(f.arm.restorePointLimits().refused()).as("no restore point refused by Azure's minimum frequency")
                .isZero();
        assertThat(captures).hasSize(38);
        assertThat(captures.entrySet().stream().filter(e -> e.getValue() != RecoveryPoint.Capture.DiskSnapshots)
                .map(e -> e.getKey() + ":" + e.getValue()).toList())
                .as("application-consistent every 3 hours (and a minute for clock skew), crash-consistent an hour "
                        + "after any restore point, per-disk snapshots in every other cycle")
                .containsExactly("0:ApplicationConsistentRestorePoint", "65:CrashConsistentRestorePoint",
                        "130:CrashConsistentRestorePoint", "185:ApplicationConsistentRestorePoint");
        List<RecoveryPoint> points = f.demoItem().replicaSet().recoveryPoints();
        assertThat(points.stream().filter(p -> p.capture() == RecoveryPoint.Capture.DiskSnapshots))
                .allMatch(p -> p.consistency().equals(RecoveryPoint.PER_DISK));
        assertThat(points.stream().filter(p -> p.capture() == RecoveryPoint.Capture.CrashConsistentRestorePoint))
                .allMatch(p -> p.consistency().equals(RecoveryPoint.ALL_DISKS));
        assertThat(points.stream().filter(p -> p.capture() == RecoveryPoint.Capture.ApplicationConsistentRestorePoint))
                .as("the running VM cooperates").allMatch(p -> !p.type().equals(RecoveryPoint.CRASH_CONSISTENT));
        int rpoLimit = f.demoItem().policy().crashConsistentFrequencyInMinutes() * 60;
        assertThat(f.demoItem().health().rpoHistory()).as("every cycle kept the RPO within the policy's 5 minutes")
                .allMatch(sample -> sample.recoveryPointTaken() && sample.rpoSeconds() <= rpoLimit);
        assertThat(restorePoints()).as("only the newest capture, the base, is kept: the last restore point").hasSize(1);
    }

    @Test
    void theStandInRefusesARestorePointSoonerThanAzuresMinimumFrequency() {
        ProtectedItem item = f.protectDemo("");
        String collection = RestorePointCapture.collectionId(item);
        String region = f.vms.find(item.vmId()).orElseThrow().region();
        f.restorePoints.ensureCollection(collection, item.vmId(), region, Map.of());
        f.restorePoints.create(collection, "crash-1", false);
        f.restorePoints.create(collection, "app-1", true);
        f.queue.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> f.restorePoints.create(collection, "crash-2", false))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("OperationNotAllowed");
                    assertThat(e.retryable()).isFalse();
                });
        f.queue.advance(Duration.ofMinutes(1));
        f.restorePoints.create(collection, "crash-2", false);
        f.queue.advance(Duration.ofMinutes(119));
        assertThatThrownBy(() -> f.restorePoints.create(collection, "app-2", true))
                .isInstanceOf(CloudException.class);
        f.queue.advance(Duration.ofMinutes(1));
        f.restorePoints.create(collection, "app-2", true);
        assertThat(f.arm.restorePointLimits().refused()).isEqualTo(2);
    }

    @Test
    void whenAzureRefusesTheRestorePointTheCycleSnapshotsDiskByDiskAndSaysSo() {
        f.protectDemo(", \"replicationPolicy\": {\"appConsistentFrequencyInMinutes\": 0}");
        f.arm.faults().next("PUT", "/restorePoints/reprotect-cycle-", 400, Map.of(), 1);
        f.writeSource(1, 5L << 20, 8192);
        f.nextCycle();
        f.assertReplicasEqualTheSourceDisks();
        assertThat(f.demoItem().latestRecoveryPoint().orElseThrow().consistency()).isEqualTo(RecoveryPoint.PER_DISK);
        assertThat(f.demoItem().latestRecoveryPoint().orElseThrow().capture()).isEqualTo(RecoveryPoint.Capture.DiskSnapshots);
        assertThat(restorePoints()).as("the refused one left nothing behind").isEmpty();
        f.writeSource(0, 6L << 20, 8192);
        f.nextCycle(); // a refused point counts for nothing: the next cycle asks again
        f.assertReplicasEqualTheSourceDisks();
        assertThat(f.demoItem().latestRecoveryPoint().orElseThrow().consistency()).isEqualTo(RecoveryPoint.ALL_DISKS);
        f.arm.finishOperations(); // the deletes the cycle fired
        assertThat(ids("/snapshots/")).as("the per-disk snapshots were released").isEmpty();
        assertThat(restorePoints()).hasSize(1);
    }

    @Test
    void disablingProtectionKeepsTheRestorePointCollectionUntilThePurgeDeletesIt() {
        java.util.Set<String> before = new java.util.TreeSet<>(f.arm.resourceIds());
        ProtectedItem item = f.protectDemo("");
        f.writeSource(0, 2L << 20, 8192);
        f.nextCycle();
        assertThat(ids("/restorePointCollections/")).isNotEmpty();
        Job disable = f.runToEnd(f.protections.disable(item.id()).orElseThrow().id());
        assertThat(disable.state()).as(ReprotectFixture.describe(disable)).isEqualTo(JobState.Succeeded);
        assertThat(ids("/restorePointCollections/")).as("kept until the deleted item expires").isNotEmpty();
        Job purge = f.purgeAfterExpiry(f.deletedBy(disable));
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(ids("/restorePointCollections/")).isEmpty();
        assertThat(f.arm.resourceIds()).allMatch(id -> before.stream().anyMatch(b -> b.equalsIgnoreCase(id)));
    }
}
