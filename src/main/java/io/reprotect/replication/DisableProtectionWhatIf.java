package io.reprotect.replication;

import com.azure.storage.blob.BlobContainerClient;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.failover.RemoveProtectionStorage;
import io.reprotect.pipeline.JobService;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.stage.Outputs;
import io.reprotect.stage.WhatIf;
import io.reprotect.stage.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The what-if of disabling protection: what {@link RemoveReplication} and {@link RemoveProtectedItem} would
 * delete, read from the item and the replica containers' listings; the VM keeps running, unprotected.
 */
@ApplicationScoped
public class DisableProtectionWhatIf {

    private final ProtectedItemStore items;
    private final JobService jobs;
    private final BlobAccounts blobs;
    private final RemoveProtectionStorage storage;
    private final io.reprotect.protection.ItemLifecycle lifecycle;

    public DisableProtectionWhatIf(ProtectedItemStore items, JobService jobs, BlobAccounts blobs,
            RemoveProtectionStorage storage, io.reprotect.protection.ItemLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.items = items;
        this.jobs = jobs;
        this.blobs = blobs;
        this.storage = storage;
    }

    /** @return empty when there is no such item (the call answers 404) */
    public Optional<WhatIf> evaluate(String itemId) {
        return lifecycle.get(itemId).map(this::evaluate);
    }

    private WhatIf evaluate(ProtectedItem item) {
        WhatIfDraft draft = new WhatIfDraft("disable-protection", item.vmId());
        draft.check("operation-allowed", () -> {
            try {
                io.reprotect.protection.LifecycleTable.requireAllowed(item.lifecycle(),
                        io.reprotect.protection.Operation.DISABLE_PROTECTION, item.id());
                return true;
            } catch (io.reprotect.protection.OperationNotAllowedException e) {
                throw WhatIfDraft.RefusedException.notAllowed(e);
            }
        });
        if (draft.refused()) {
            return draft.build();
        }
        String waiting = item.cycle() == null ? null : item.cycle().nextCycleJobId();
        draft.check("vm-not-busy", () -> {
            jobs.requireVmFree(item.vmId(), waiting); // the call cancels the waiting cycle first, as here
            return true;
        });
        if (draft.refused()) {
            return draft.build();
        }
        if (waiting != null) {
            draft.modify("/api/jobs/" + waiting, "The replication cycle waiting for its turn is cancelled");
        }
        replicationRemovals(draft, item);
        draft.delete("/api/protected-items/" + item.id(), "The protected item: cycles stop, recovery points are gone");
        draft.noChange(item.vmId(), "Keeps running, no longer replicated");
        return draft.build();
    }

    /**
     * What {@link RemoveReplication} and {@code remove-protection-storage} delete for {@code item} (disable
     * protection and commit run both): source snapshots, replicas with their recovery points, emptied replica
     * containers, and the storage accounts reprotect created for it.
     */
    public void replicationRemovals(WhatIfDraft draft, ProtectedItem item) {
        Set<String> sourceSnapshots = new LinkedHashSet<>(item.baseSnapshotIds());
        sourceSnapshots.addAll(item.inFlightSnapshotIds());
        sourceSnapshots.forEach(s -> draft.delete(s, "Source disk snapshot (replication base)"));
        Set<String> containers = new LinkedHashSet<>();
        for (Outputs.Replica replica : item.replicas()) {
            draft.delete(containerId(item, replica.container()) + "/blobs/" + replica.blobName(), "Replica of "
                    + replica.sourceDiskId() + ", with its snapshots: " + item.recoveryPoints().size()
                    + " recovery point(s)");
            containers.add(replica.container());
        }
        for (String name : containers) {
            containerChange(draft, item, name);
        }
        RemoveProtectionStorage.Decision accounts = storage.decide(item);
        accounts.delete().forEach(id -> draft.delete(id, "Storage account reprotect created for this item"));
        for (String kept : accounts.kept()) {
            int colon = kept.indexOf(": ");
            draft.noChange(kept.substring(0, colon), "Storage account kept: " + kept.substring(colon + 2));
        }
    }

    /** A replica container, named under its storage account as ARM names it. */
    private static String containerId(ProtectedItem item, String container) {
        return item.targetStorageAccount().id() + "/blobServices/default/containers/" + container;
    }

    /** Deleted when only the item's replicas are in it, as {@link RemoveReplication} does after deleting them. */
    private void containerChange(WhatIfDraft draft, ProtectedItem item, String name) {
        BlobContainerClient container = blobs.account(item.targetStorageAccount().blobEndpoint())
                .getBlobContainerClient(name);
        if (!container.exists()) {
            return;
        }
        Set<String> ours = new LinkedHashSet<>();
        item.replicas().stream().filter(r -> r.container().equals(name)).forEach(r -> ours.add(r.blobName()));
        boolean othersLeft = container.listBlobs().stream().anyMatch(b -> !ours.contains(b.getName()));
        draft.change(containerId(item, name), othersLeft ? WhatIf.ChangeType.NoChange : WhatIf.ChangeType.Delete,
                othersLeft ? "Replica container, kept: it holds other blobs" : "Replica container, empty once the "
                        + "replicas are gone");
    }
}
