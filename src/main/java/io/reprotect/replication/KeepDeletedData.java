package io.reprotect.replication;

import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RetentionSetting;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First stage of disable protection and of commit: records the item's replication data as a deleted item
 * ({@link DeletedItem}) kept for the retention period, before anything leaves view. Nothing in Azure is deleted:
 * replicas, recovery points, source snapshots and storage accounts stay until a purge after expiry.
 *
 * <p>Runs only while the item's lifecycle runs this job. Idempotency: the record's id is the protection's, written
 * If-None-Match; a rerun (or a disable after the commit that kept the data) finds it and writes nothing. A record
 * an undelete brought back is kept again with a new expiry.
 */
@ApplicationScoped
public class KeepDeletedData extends NamedStage {

    public static final String NAME = "keep-deleted-data";
    /** Job output: the deleted item's id. */
    public static final OutputKey<String> DELETED_ITEM_ID = OutputKey.named("deletedItemId", String.class);
    /** Job output: when the deleted item's retention ends (ISO-8601 text). */
    static final OutputKey<String> EXPIRES_AT = OutputKey.named("deletedItemExpiresAt", String.class);
    /** Job output: how many replicas the deleted item keeps. */
    static final OutputKey<Integer> KEPT_REPLICAS = OutputKey.named("keptReplicas", Integer.class);
    /** Job output: how many recovery points the deleted item keeps. */
    static final OutputKey<Integer> KEPT_RECOVERY_POINTS = OutputKey.named("keptRecoveryPoints", Integer.class);

    private final ProtectedItemStore items;
    private final ItemLifecycle lifecycle;
    private final DeletedItemStore deleted;
    private final RetentionSetting retention;
    private final Clock clock;

    public KeepDeletedData(ProtectedItemStore items, ItemLifecycle lifecycle, DeletedItemStore deleted,
            RetentionSetting retention, Clock clock) {
        super(NAME);
        this.items = items;
        this.lifecycle = lifecycle;
        this.deleted = deleted;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Outcome execute(StageContext context) {
        String itemId = context.require(RemoveReplication.ITEM_ID);
        if (items.get(itemId).isEmpty()) {
            return Outcome.skipped(Map.of());
        }
        ProtectedItem item = lifecycle.requireRunning(itemId, context.job());
        Instant now = clock.instant();
        DeletedItem fresh = record(item, context.job().id(), context.job().workflow(), now,
                now.plus(Duration.ofDays(retention.days())));
        DeletedItem kept;
        if (deleted.create(fresh)) {
            kept = fresh;
        } else {
            // a rerun, the commit that kept this protection's data already, or an undeleted one deleted again
            kept = deleted.change(fresh.id(), r -> r.state() == DeletedItem.State.UNDELETED ? fresh : r).orElseThrow();
        }
        return Outcome.next(DELETED_ITEM_ID.of(kept.id()), EXPIRES_AT.of(kept.expiresAt().toString()),
                KEPT_REPLICAS.of(kept.item().replicaSet().replicas().size()),
                KEPT_RECOVERY_POINTS.of(kept.item().replicaSet().recoveryPoints().size()));
    }

    static DeletedItem record(ProtectedItem item, String jobId, String workflow, Instant now, Instant expiresAt) {
        DeletedItem.DeletedBy by = Workflows.COMMIT_FAILOVER.name().equals(workflow) ? DeletedItem.DeletedBy.COMMIT
                : DeletedItem.DeletedBy.DISABLE_PROTECTION;
        return new DeletedItem(DeletedItem.idOf(item), item.id(), item.vmId(), by, jobId, now, expiresAt,
                DeletedItem.State.KEPT, null, now, kept(item), item);
    }

    /** What stays in Azure until the purge, one line each: where it is and what it is. */
    public static List<String> kept(ProtectedItem item) {
        List<String> lines = new ArrayList<>();
        for (Outputs.Replica r : item.replicaSet().replicas()) {
            lines.add(item.placement().targetStorageAccount().id() + "/blobServices/default/containers/" + r.container()
                    + "/blobs/" + r.blobName() + ": replica of " + r.sourceDiskId() + " with the snapshots of "
                    + item.replicaSet().recoveryPoints().size() + " recovery point(s)");
        }
        Set<String> snapshots = new LinkedHashSet<>(item.replicaSet().baseSnapshotIds());
        snapshots.addAll(item.replicaSet().inFlightSnapshotIds());
        snapshots.forEach(s -> lines.add(s + ": source disk snapshot (the next cycle's base)"));
        for (Outputs.AccountRef a : new Outputs.AccountRef[] {item.placement().targetStorageAccount(),
                item.placement().cacheStorageAccount()}) {
            if (a != null && a.id() != null) {
                lines.add(a.id() + ": storage account (one the engine created keeps its CanNotDelete lock)");
            }
        }
        return lines;
    }
}
