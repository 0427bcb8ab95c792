package io.reprotect.reprotect;

import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.PageBlobs;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.cloud.Snapshots;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ReplicaSnapshots;
import io.reprotect.replication.SourceSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the previous direction of a protected item leaves once a reprotect reverses it: its replicas
 * (with their snapshots, the old recovery points) and its source snapshots. After a committed failover
 * none of it can be used again: the VM runs on new disks, replicated anew toward the other region.
 * Removes only what the new protection does not use; what a commit kept as a deleted item stays until its purge
 * (after the retention period), so nothing is removed here then.
 *
 * <p>Idempotent: every delete treats "already gone" as done.
 */
@ApplicationScoped
public class PreviousProtection {

    private final PageBlobs blobs;
    private final Snapshots snapshots;
    private final DiskAccess diskAccess;
    private final StorageAccounts accounts;
    private final RestorePoints restorePoints;
    private final DeletedItemStore deleted;

    public PreviousProtection(PageBlobs blobs, Snapshots snapshots, DiskAccess diskAccess, StorageAccounts accounts,
            RestorePoints restorePoints, DeletedItemStore deleted) {
        this.deleted = deleted;
        this.blobs = blobs;
        this.snapshots = snapshots;
        this.diskAccess = diskAccess;
        this.accounts = accounts;
        this.restorePoints = restorePoints;
    }

    /** Deletes what {@code previous} holds and {@code next} does not. */
    public void remove(ProtectedItem previous, ProtectedItem next) {
        if (deleted.get(DeletedItem.idOf(previous)).isPresent()) {
            return; // the commit kept it as a deleted item: its purge deletes it after the retention period
        }
        Set<String> kept = new HashSet<>();
        next.replicaSet().baseSnapshotIds().forEach(id -> kept.add(id.toLowerCase(Locale.ROOT)));
        Set<String> sourceSnapshots = new HashSet<>(previous.replicaSet().baseSnapshotIds());
        sourceSnapshots.addAll(previous.replicaSet().inFlightSnapshotIds());
        sourceSnapshots.stream().filter(id -> !kept.contains(id.toLowerCase(Locale.ROOT)))
                .forEach(id -> SourceSnapshots.delete(diskAccess, snapshots, restorePoints, id));
        Set<String> replicas = new HashSet<>();
        next.replicaSet().replicas().forEach(r -> replicas.add(key(next.placement().targetStorageAccount(), r)));
        Outputs.AccountRef account = previous.placement().targetStorageAccount();
        if (account == null || accounts.find(account.id()).isEmpty()) {
            return; // the account went with the replicas (a commit may delete the accounts reprotect created)
        }
        previous.replicaSet().replicas().stream().filter(r -> !replicas.contains(key(account, r)))
                .forEach(r -> ReplicaSnapshots.deleteReplica(blobs, account, r));
    }

    private static String key(Outputs.AccountRef account, Outputs.Replica replica) {
        return (account.blobEndpoint() + "|" + replica.container() + "|" + replica.blobName()).toLowerCase(Locale.ROOT);
    }
}
