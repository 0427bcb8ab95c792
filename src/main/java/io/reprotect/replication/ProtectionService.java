package io.reprotect.replication;

import io.reprotect.job.Job;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Starts jobs on protected items: disabling protection. */
@ApplicationScoped
public class ProtectionService {

    private final ProtectedItemStore items;
    private final JobService jobs;

    public ProtectionService(ProtectedItemStore items, JobService jobs) {
        this.items = items;
        this.jobs = jobs;
    }

    /**
     * Disables protection: marks the item so no further cycle is scheduled, cancels the cycle that
     * waits for its turn, and starts the disable-protection job. Idempotent: the job id derives from
     * the protection, so a repeat returns the same job.
     *
     * @return the job, or empty when there is no such item
     * @throws io.reprotect.job.VmBusyException a cycle is still running its stage; it stops at its
     *         next stage, so retry after a few seconds
     */
    /** The disable-protection job of the item's protection (one per protection). */
    public static String disableJobId(ProtectedItem item) {
        return UUID.nameUUIDFromBytes((item.reprotectJobId() + ":disable").getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Optional<Job> disable(String itemId) {
        Optional<ProtectedItem> item = items.change(itemId, i -> i.withState(ProtectedItem.DISABLING));
        if (item.isEmpty()) {
            return Optional.empty();
        }
        String next = item.get().cycle() == null ? null : item.get().cycle().nextCycleJobId();
        if (next != null) {
            jobs.cancelWaiting(next);
        }
        String jobId = disableJobId(item.get());
        return Optional.of(jobs.submit(new JobSpec(jobId, Workflows.DISABLE_PROTECTION, item.get().vmId(), null,
                Map.of(RemoveReplication.ITEM_ID, StageContext.json(itemId)), null)));
    }
}
