package io.reprotect.replication;

import io.reprotect.cloud.PageBlobs;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.protection.ReplicaSnapshots;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Snapshots every replica blob, now equal to this cycle's source snapshots: the recovery point.
 * Then records it on the item together with the new base snapshots, in one conditional write, so
 * the item never names a base that its replicas do not equal.
 *
 * <p>Idempotency: the replica snapshots carry the job id and are found again; the item ignores a
 * recovery point it already has.
 */
@Singleton
public class TakeRecoveryPoint extends CycleStage {

    public static final String NAME = "take-recovery-point";

    private final PageBlobs blobs;

    public TakeRecoveryPoint(ProtectedItemStore items, PageBlobs blobs) {
        super(NAME, items);
        this.blobs = blobs;
    }

    @Override
    protected Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item) {
        CycleInputs.Snapshots taken = context.require(CycleInputs.SNAPSHOTS);
        String jobId = context.job().id();
        String mode = taken.restorePointMode();
        RecoveryPoint.Capture capture = taken.capture() != null ? taken.capture()
                : mode == null ? RecoveryPoint.Capture.DiskSnapshots
                : RecoveryPoint.CRASH_CONSISTENT.equals(RecoveryPoint.typeOf(mode))
                        ? RecoveryPoint.Capture.CrashConsistentRestorePoint
                        : RecoveryPoint.Capture.ApplicationConsistentRestorePoint;
        RecoveryPoint point = new RecoveryPoint(jobId, taken.capturedAt(), RecoveryPoint.typeOf(mode),
                mode == null ? RecoveryPoint.sequentialSnapshotConsistency(item.replicaSet().replicas().size())
                        : RecoveryPoint.restorePointConsistency(mode),
                ReplicaSnapshots.take(blobs, item.placement().targetStorageAccount(), item.replicaSet().replicas(),
                        jobId), capture);
        java.util.Set<String> owners = new java.util.HashSet<>();
        taken.current().forEach(c -> owners.add(SourceSnapshots.owner(c).toLowerCase(java.util.Locale.ROOT)));
        // the replaced base joins the in-flight list in the same write: it is recorded as to be deleted before
        // ReleaseBaseSnapshots fires its delete, and stays listed until a later cycle sees it gone
        items.change(item.id(), i -> {
            List<String> inFlight = new ArrayList<>(taken.previous());
            inFlight.addAll(i.replicaSet().inFlightSnapshotIds());
            return i.withRecoveryPoint(point).withSnapshots(taken.current(), new LinkedHashSet<>(inFlight).stream()
                    .filter(id -> !taken.current().contains(id)
                            && !owners.contains(SourceSnapshots.owner(id).toLowerCase(java.util.Locale.ROOT))).toList());
        });
        return Outcome.next(CycleInputs.RECOVERY_POINT.of(jobId));
    }

}
