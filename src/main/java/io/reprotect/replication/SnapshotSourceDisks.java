package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.Snapshots;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.request.ResourceId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * First stage of a replication cycle: checks the source VM is still there with the same disks and
 * the replicas' account and container are there ({@link ReplicaTargetCheck}), then captures every disk
 * at one instant with a VM restore point ({@link RestorePointCapture}) when one is due
 * ({@link RestorePointSchedule}: Azure allows one an hour, application-consistent ones every 3 hours), or
 * else (not due, restore points off, or Azure refused it) takes an incremental snapshot of every source
 * disk, one right after the other.
 *
 * <p>The snapshot ids are recorded on the item before the snapshots are taken, so disabling
 * protection finds them even if the cycle stops here. One snapshot per disk per cycle keeps well
 * within Azure's 7 incremental snapshots per disk per 5 minutes; the cycle deletes the older one
 * once the new one is the base, so a disk never has more than three (far below 500).
 *
 * <p>Idempotency: snapshot names derive from the cycle's job and the disk; ARM PUT on an existing
 * snapshot returns it (with its own {@code timeCreated}). The capture time is the {@code timeCreated} Azure reports:
 * the restore point's, or the last disk snapshot's; never the stage's first start, which on a retried stage may be
 * long before the snapshots were taken.
 */
@Singleton
public class SnapshotSourceDisks extends CycleStage {

    public static final String NAME = "snapshot-source";

    private final VirtualMachines vms;
    private final Snapshots snapshots;
    private final ReplicaTargetCheck target;
    private final RestorePointCapture restorePoints;
    private final ProtectionConfig config;
    private final Clock clock;

    public SnapshotSourceDisks(ProtectedItemStore items, VirtualMachines vms, Snapshots snapshots,
            ReplicaTargetCheck target, RestorePointCapture restorePoints, ProtectionConfig config,
            Clock clock) {
        super(NAME, items);
        this.vms = vms;
        this.snapshots = snapshots;
        this.target = target;
        this.restorePoints = restorePoints;
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        Instant now = clock.instant();
        Optional<VmInfo> vm;
        try {
            vm = vms.find(item.vmId());
        } catch (CloudException.Forbidden e) {
            return abort(item, HealthErrors.accessDenied(e.getMessage(), now));
        }
        if (vm.isEmpty()) {
            return abort(item, HealthErrors.sourceVmNotFound(item.vmId(), now));
        }
        List<String> disks = item.replicaSet().replicas().stream().map(Outputs.Replica::sourceDiskId).toList();
        if (!sameDisks(vm.get().allDiskIds(), disks)) {
            return abort(item, HealthErrors.sourceDisksChanged(item.vmId(), now));
        }
        Optional<HealthError> noTarget;
        try {
            noTarget = target.missing(item, now);
        } catch (CloudException.Forbidden e) {
            return abort(item, HealthErrors.accessDenied(e.getMessage(), now));
        }
        if (noTarget.isPresent()) {
            return abort(item, noTarget.get());
        }
        Instant firstStart = context.task().startTime() == null ? now : context.task().startTime();
        // decided at the stage's first start, so that a rerun asks for the same kind of point
        Optional<RecoveryPoint.Capture> due = config.restorePoints() ? RestorePointSchedule.due(item, firstStart)
                : Optional.empty();
        if (due.isPresent()) {
            String pointId = RestorePointCapture.pointId(item, context.job().id());
            items.change(item.id(), i -> i.withSnapshots(i.replicaSet().baseSnapshotIds(),
                    List.copyOf(new LinkedHashSet<>(concat(i.replicaSet().inFlightSnapshotIds(), List.of(pointId))))));
            Optional<RestorePointCapture.Captured> captured;
            try {
                captured = restorePoints.capture(item, vm.get().region(), disks, context.job().id(),
                        due.get() == RecoveryPoint.Capture.ApplicationConsistentRestorePoint);
            } catch (CloudException.Forbidden e) {
                return abort(item, HealthErrors.accessDenied(e.getMessage(), now));
            }
            if (captured.isPresent()) {
                Instant created = captured.get().timeCreated();
                return Outcome.next(CycleInputs.SNAPSHOTS.of(new CycleInputs.Snapshots(
                        created == null ? clock.instant() : created, item.replicaSet().baseSnapshotIds(), captured.get().diskPoints(),
                        captured.get().mode(), due.get())));
            }
        }
        List<String> ids = new ArrayList<>();
        for (int disk = 0; disk < disks.size(); disk++) {
            ids.add(snapshotId(disks.get(disk), name(context.job().id(), disk)));
        }
        items.change(item.id(), i -> i.withSnapshots(i.replicaSet().baseSnapshotIds(),
                List.copyOf(new LinkedHashSet<>(concat(i.replicaSet().inFlightSnapshotIds(), ids)))));
        List<SnapshotInfo> taken = new ArrayList<>();
        try {
            for (int disk = 0; disk < disks.size(); disk++) {
                ResourceId diskId = ResourceId.parse(disks.get(disk));
                taken.add(snapshots.take(new SnapshotSpec(diskId.subscriptionId(), diskId.resourceGroup(), name(context.job().id(), disk),
                        vm.get().region(), disks.get(disk), true, Map.of("created-by", "vm-reprotect",
                                "reprotect-item", item.id(), "reprotect-job", context.job().id())),
                        context.task().attempts() > 1));
            }
        } catch (CloudException.Forbidden e) {
            return abort(item, HealthErrors.accessDenied(e.getMessage(), now));
        } catch (CloudException e) {
            if (!e.retryable() && (e.status() == 409 || e.errorCode().toLowerCase().contains("snapshot"))) {
                return abort(item, HealthErrors.snapshotLimit(e.getMessage(), now));
            }
            throw e;
        }
        // the point's time is the capture Azure reports (the last disk's snapshot), never the stage's first start:
        // a retried stage may take its snapshots long after; without it, now (after every capture)
        Instant created = SnapshotInfo.latestTimeCreated(taken);
        return Outcome.next(CycleInputs.SNAPSHOTS.of(
                new CycleInputs.Snapshots(created != null ? created : clock.instant(), item.replicaSet().baseSnapshotIds(), ids)));
    }

    public static String name(String jobId, int disk) {
        return "reprotect-cycle-" + jobId + "-" + disk;
    }

    private static String snapshotId(String diskId, String name) {
        ResourceId disk = ResourceId.parse(diskId);
        return "/subscriptions/" + disk.subscriptionId() + "/resourceGroups/" + disk.resourceGroup()
                + "/providers/Microsoft.Compute/snapshots/" + name;
    }

    private static boolean sameDisks(List<String> attached, List<String> replicated) {
        return attached.size() == replicated.size() && attached.stream().map(String::toLowerCase).toList()
                .equals(replicated.stream().map(String::toLowerCase).toList());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
