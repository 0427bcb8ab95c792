package io.reprotect.replication;

import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.PageBlobs;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import io.reprotect.job.Redaction;
import io.reprotect.pipeline.ErrorClassifier;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.DeferredDeletions;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ReplicaSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Purge of a deleted item, after its retention period (disable protection and commit only keep the data, see
 * {@link KeepDeletedData}): deletes what protection created for replication: every
 * replica blob with all its snapshots (the recovery points), the source snapshots and restore points
 * (base and any a cycle left), the item's restore point collection, and the replica container when
 * nothing else is left in it. What a protection that exists now uses is left alone: a replica blob it lists,
 * and the restore point collection while an item of the same VM exists ({@link LiveProtections}).
 *
 * <p>Source-region deletes that fail in a way that may pass (the region is down: 5xx, timeouts, throttling) are
 * deferred ({@link DeferredDeletions}, listed in {@value #DEFERRED}) and retried by the
 * watchdog, so a failover can be committed during the outage that forced it.
 *
 * <p>Runs only while the deleted item is {@code Purging} by this job and expired ({@link Purging}, written by
 * {@code start-purge} before this stage); a stale or early job stops before deleting anything.
 *
 * <p>Idempotency: every delete treats "already gone" as success; the deleted item is read again each run.
 */
@ApplicationScoped
public class RemoveReplication extends NamedStage {

    public static final String NAME = "remove-replication";
    /** Job input: the id of the item to remove. */
    public static final OutputKey<String> ITEM_ID = OutputKey.named("protectedItemId", String.class);
    /** Job output: how many replicas it deleted. */
    static final OutputKey<Integer> DELETED_REPLICAS = OutputKey.named("deletedReplicas", Integer.class);
    /** Job output: the replica blobs it kept because something uses them. */
    static final OutputKey<List<String>> REPLICAS_KEPT_IN_USE = OutputKey.listOf("replicasKeptInUse", String.class);
    /** Job output: how many source snapshots it deleted. */
    static final OutputKey<Integer> DELETED_SOURCE_SNAPSHOTS = OutputKey.named("deletedSourceSnapshots", Integer.class);

    private final Purging purging;
    private final LiveProtections live;
    private final PageBlobs blobs;
    private final Snapshots snapshots;
    private final RestorePoints restorePoints;
    private final DiskAccess diskAccess;
    private final DeferredDeletions deferred;

    public RemoveReplication(Purging purging, LiveProtections live, PageBlobs blobs, Snapshots snapshots,
            RestorePoints restorePoints, DiskAccess diskAccess,
            DeferredDeletions deferred) {
        super(NAME);
        this.purging = purging;
        this.live = live;
        this.deferred = deferred;
        this.blobs = blobs;
        this.snapshots = snapshots;
        this.restorePoints = restorePoints;
        this.diskAccess = diskAccess;
    }

    @Override
    public Outcome execute(StageContext context) {
        ProtectedItem item = purging.require(context).item(); // the record says what is being deleted
        String id = item.id();
        Set<String> sourceSnapshots = new LinkedHashSet<>(item.replicaSet().baseSnapshotIds());
        sourceSnapshots.addAll(item.replicaSet().inFlightSnapshotIds());
        // the source region may be the one whose outage forced the failover: what it does not answer is deferred
        java.util.List<DeferredDeletions.Entry> later = new java.util.ArrayList<>();
        sourceSnapshots.forEach(s -> deferIfUnavailable(s, context, later,
                () -> SourceSnapshots.delete(diskAccess, snapshots, restorePoints, s)));
        if (!live.itemReused(item)) { // the collection is named after the item: a new protection of the VM uses it
            String collection = RestorePointCapture.collectionId(item);
            deferIfUnavailable(collection, context, later, () -> restorePoints.deleteCollection(collection));
        }
        deferred.add(id, later);
        Set<String> containers = new LinkedHashSet<>();
        Set<String> inUse = live.replicasInUse(item);
        List<String> keptInUse = new ArrayList<>();
        for (Outputs.Replica replica : item.replicaSet().replicas()) {
            if (inUse.contains(LiveProtections.replicaKey(item.placement().targetStorageAccount(), replica))) {
                keptInUse.add(replica.blobName());
                continue;
            }
            ReplicaSnapshots.deleteReplica(blobs, item.placement().targetStorageAccount(), replica);
            containers.add(replica.container());
        }
        for (String name : containers) {
            blobs.deleteContainerIfEmpty(item.placement().targetStorageAccount().blobEndpoint(), name);
        }
        return Outcome.next(DELETED_REPLICAS.of(item.replicaSet().replicas().size() - keptInUse.size()),
                REPLICAS_KEPT_IN_USE.of(keptInUse),
                DELETED_SOURCE_SNAPSHOTS.of(sourceSnapshots.size() - later.size()),
                DEFERRED.of(later.stream().map(e -> e.resourceId()).toList()));
    }

    /** Job output: source-region resources that did not answer, deleted later by the watchdog. */
    public static final OutputKey<List<String>> DEFERRED = OutputKey.listOf("deferredSourceDeletions", String.class);

    /** Runs {@code delete}; a failure Azure says may pass (5xx, timeout, throttling) defers it instead. */
    private static void deferIfUnavailable(String resourceId, StageContext context,
            java.util.List<DeferredDeletions.Entry> later, Runnable delete) {
        try {
            delete.run();
        } catch (RuntimeException e) {
            boolean passes = ErrorClassifier.classify(e)
                    .filter(o -> o instanceof Outcome.RetryLater).isPresent();
            if (!passes) {
                throw e;
            }
            later.add(new DeferredDeletions.Entry(resourceId, context.job().id(),
                    Redaction.redact(String.valueOf(e.getMessage())), context.startedAt()));
        }
    }
}
