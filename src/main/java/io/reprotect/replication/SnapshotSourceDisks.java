package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.Snapshots;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmInfo;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.job.TaskProgress;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.request.ResourceId;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
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
 * <p>No waiting on Azure: the stage sends the creates and returns {@code continueLater} with the operations in
 * its checkpoint ({@link CapturesBegun}); each later run checks every capture still running with one call and
 * continues later again, at the delay Azure asks ({@code Retry-After}: Disk RP's 2 s for snapshots, Compute's
 * default 30 s poll for a restore point), until all are done.
 *
 * <p>Idempotency: snapshot names derive from the cycle's job and the disk; ARM PUT on an existing
 * snapshot returns it (with its own {@code timeCreated}). A run with a checkpoint never sends a create again; a
 * redelivered first run finds the snapshots an earlier attempt created. The capture time is the {@code timeCreated} Azure reports:
 * the restore point's, or the last disk snapshot's; never the stage's first start, which on a retried stage may be
 * long before the snapshots were taken.
 */
@Singleton
public class SnapshotSourceDisks extends CycleStage {

    public static final String NAME = "snapshot-source";
    private static final Logger LOG = Logger.getLogger(SnapshotSourceDisks.class);

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
        Optional<CapturesBegun> begun = context.checkpoint(CapturesBegun.class);
        if (begun.isPresent()) {
            return follow(context, item, begun.get());
        }
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
        List<String> disks = disks(item);
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
        String region = vm.get().region();
        if (due.isPresent()) {
            String pointId = RestorePointCapture.pointId(item, context.job().id());
            recordInFlight(item, List.of(pointId));
            Optional<PendingOperation> creating;
            try {
                creating = restorePoints.begin(item, region, context.job().id(),
                        due.get() == RecoveryPoint.Capture.ApplicationConsistentRestorePoint);
            } catch (CloudException.Forbidden e) {
                return abort(item, HealthErrors.accessDenied(e.getMessage(), now));
            }
            if (creating.isPresent()) {
                return follow(context, item, new CapturesBegun(CapturesBegun.Kind.RestorePoint, due.get(), region,
                        List.of(pointId), List.of(creating.get())));
            }
        }
        return beginSnapshots(context, item, region);
    }

    /** Begins a snapshot of every disk, one request right after the other, and returns without waiting. */
    private Outcome beginSnapshots(StageContext context, ProtectedItem item, String region) {
        List<String> disks = disks(item);
        List<String> ids = new ArrayList<>();
        for (int disk = 0; disk < disks.size(); disk++) {
            ids.add(snapshotId(disks.get(disk), name(context.job().id(), disk)));
        }
        recordInFlight(item, ids);
        // a rerun (redelivery after a crash before the checkpoint was saved) finds what an earlier attempt began
        boolean rerun = context.task().attempts() > 1;
        List<PendingOperation> operations = new ArrayList<>();
        try {
            for (int disk = 0; disk < disks.size(); disk++) {
                SnapshotSpec spec = spec(context, item, region, disk);
                Optional<SnapshotInfo> taken = rerun ? snapshots.find(spec.id()) : Optional.empty();
                operations.add(taken.isPresent() && "Succeeded".equalsIgnoreCase(taken.get().provisioningState())
                        ? PendingOperation.done(spec.id(), false) : snapshots.beginCreate(spec));
            }
        } catch (CloudException e) {
            return refused(item, e);
        }
        return follow(context, item, new CapturesBegun(CapturesBegun.Kind.DiskSnapshots,
                RecoveryPoint.Capture.DiskSnapshots, region, ids, operations));
    }

    /**
     * Checks each capture still running (one call each): continues later while one runs, at the delay Azure asks;
     * a restore point that failed leaves the cycle to per-disk snapshots; a snapshot that failed is created again
     * when Azure's error is a transient one, else it is the stage's error.
     */
    private Outcome follow(StageContext context, ProtectedItem item, CapturesBegun begun) {
        boolean restorePoint = begun.kind() == CapturesBegun.Kind.RestorePoint;
        try {
            for (int i = 0; i < begun.operations().size(); i++) {
                PendingOperation op = begun.operations().get(i);
                if (op.finished()) {
                    continue;
                }
                OperationCheck check = restorePoint ? restorePoints.check(op) : snapshots.check(op);
                switch (check.state()) {
                    case InProgress -> begun = begun.running(i, check);
                    case Succeeded -> begun = begun.with(i, PendingOperation.done(op.resourceId(), false));
                    case Failed -> {
                        CloudException failure = check.failure("Creating " + op.resourceId());
                        if (restorePoint) {
                            LOG.warnf("restore point %s ended Failed (%s); this cycle snapshots disk by disk",
                                    op.resourceId(), failure.getMessage());
                            return beginSnapshots(context, item, begun.region());
                        }
                        if (!failure.retryable()) {
                            throw failure;
                        }
                        // Compute runs a failed creation again on a new PUT of the same snapshot
                        begun = begun.with(i, snapshots.beginCreate(spec(context, item, begun.region(), i)));
                    }
                    default -> throw new IllegalStateException("unknown operation state " + check.state());
                }
            }
        } catch (CloudException e) {
            return refused(item, e);
        }
        if (!begun.allFinished()) {
            long done = begun.operations().stream().filter(PendingOperation::finished).count();
            int total = begun.operations().size();
            return Outcome.continueLater(StageContext.json(begun), begun.checkAfter(), new TaskProgress(done, total,
                    "captures", (int) (99 * done / total), null, done + " of " + total + " " + (restorePoint
                            ? "restore point" : "snapshots") + " created; Azure is still creating the rest"));
        }
        return restorePoint ? capturedPoint(context, item, begun) : capturedSnapshots(item, begun);
    }

    private Outcome capturedPoint(StageContext context, ProtectedItem item, CapturesBegun begun) {
        Optional<RestorePointCapture.Captured> captured = restorePoints.captured(begun.ids().get(0), disks(item));
        if (captured.isEmpty()) {
            return beginSnapshots(context, item, begun.region());
        }
        Instant created = captured.get().timeCreated();
        return Outcome.next(CycleInputs.SNAPSHOTS.of(new CycleInputs.Snapshots(
                created == null ? clock.instant() : created, item.replicaSet().baseSnapshotIds(),
                captured.get().diskPoints(), captured.get().mode(), begun.due())));
    }

    private Outcome capturedSnapshots(ProtectedItem item, CapturesBegun begun) {
        List<SnapshotInfo> taken = new ArrayList<>();
        try {
            for (String id : begun.ids()) {
                snapshots.find(id).ifPresent(taken::add);
            }
        } catch (CloudException e) {
            return refused(item, e);
        }
        // the point's time is the capture Azure reports (the last disk's snapshot), never the stage's first start:
        // a retried stage may take its snapshots long after; without it, now (after every capture)
        Instant created = taken.size() == begun.ids().size() ? SnapshotInfo.latestTimeCreated(taken) : null;
        return Outcome.next(CycleInputs.SNAPSHOTS.of(new CycleInputs.Snapshots(
                created != null ? created : clock.instant(), item.replicaSet().baseSnapshotIds(), begun.ids())));
    }

    /** Access denied and Compute's snapshot limits end the cycle with a health error; anything else is the stage's. */
    private Outcome refused(ProtectedItem item, CloudException e) {
        Instant now = clock.instant();
        if (e instanceof CloudException.Forbidden) {
            return abort(item, HealthErrors.accessDenied(e.getMessage(), now));
        }
        if (!e.retryable() && (e.status() == 409 || e.errorCode().toLowerCase().contains("snapshot"))) {
            return abort(item, HealthErrors.snapshotLimit(e.getMessage(), now));
        }
        throw e;
    }

    /** Records {@code ids} on the item before they are created, so disabling protection finds them. */
    private void recordInFlight(ProtectedItem item, List<String> ids) {
        items.change(item.id(), i -> i.withSnapshots(i.replicaSet().baseSnapshotIds(),
                List.copyOf(new LinkedHashSet<>(concat(i.replicaSet().inFlightSnapshotIds(), ids)))));
    }

    private static SnapshotSpec spec(StageContext context, ProtectedItem item, String region, int disk) {
        String diskId = disks(item).get(disk);
        ResourceId id = ResourceId.parse(diskId);
        return new SnapshotSpec(id.subscriptionId(), id.resourceGroup(), name(context.job().id(), disk), region, diskId,
                true, Map.of("created-by", "vm-reprotect", "reprotect-item", item.id(),
                        "reprotect-job", context.job().id()));
    }

    private static List<String> disks(ProtectedItem item) {
        return item.replicaSet().replicas().stream().map(Outputs.Replica::sourceDiskId).toList();
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
