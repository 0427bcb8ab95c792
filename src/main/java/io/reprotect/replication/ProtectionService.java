package io.reprotect.replication;

import io.reprotect.job.DerivedIds;
import io.reprotect.job.Job;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleJobs;
import io.reprotect.protection.Operation;
import io.reprotect.protection.ProtectedItem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Ends the protection of an item (disable protection): the replication workflow's service for the API. */
@ApplicationScoped
public class ProtectionService {

    private final ItemLifecycle lifecycle;
    private final LifecycleJobs lifecycleJobs;

    public ProtectionService(ItemLifecycle lifecycle, LifecycleJobs lifecycleJobs) {
        this.lifecycle = lifecycle;
        this.lifecycleJobs = lifecycleJobs;
    }

    /**
     * Disables protection when the item's state allows it (409 otherwise: a failover pending commit is
     * committed or cancelled first, a drill cleaned up first); a repeat while disabling returns the same job.
     *
     * @return the job, or empty when there is no such item
     */
    public Optional<Job> disable(String itemId) {
        Optional<ProtectedItem> item = lifecycle.get(itemId);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        String jobId = disableJobId(item.get());
        Optional<Job> again = lifecycleJobs.existing(jobId)
                .filter(j -> !j.state().ended() || item.get().lifecycle().runs(jobId));
        if (again.isPresent()) {
            return again;
        }
        JobSpec spec = new JobSpec(jobId, Workflows.DISABLE_PROTECTION, item.get().vmId(), null,
                Output.map(RemoveReplication.ITEM_ID.of(itemId)), null);
        return Optional.of(lifecycleJobs.start(itemId, Operation.DISABLE_PROTECTION, l -> l, spec, false));
    }

    /** The disable-protection job of the item's protection: one per protection, and a new one after a failed one. */
    public static String disableJobId(ProtectedItem item) {
        String seed = item.origin().reprotectJobId() + ":disable";
        Lifecycle l = item.lifecycle();
        if (l.status() == ItemStatus.DISABLE_FAILED && l.lastJobId() != null) {
            seed = l.lastJobId() + ":disable-again";
        }
        return DerivedIds.of(seed);
    }
}
