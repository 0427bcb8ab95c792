package io.reprotect.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.pipeline.ResumeCheck;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Operation;
import io.reprotect.protection.Outputs;
import io.reprotect.replication.RemoveReplication;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Re-validates a failed lifecycle job before {@code POST /api/jobs/{id}/resume} restarts it: only while nothing
 * ran on its protected item since it failed, and the item is recorded as running it again in the operation's
 * start state ({@link ItemLifecycle#resume}); otherwise 409 and nothing restarts.
 */
@ApplicationScoped
public class LifecycleResumeCheck implements ResumeCheck {

    /** The operation each lifecycle workflow carries out. */
    static final Map<String, Operation> OPERATIONS = Map.of(
            Workflows.PLANNED_FAILOVER.name(), Operation.PLANNED_FAILOVER,
            Workflows.UNPLANNED_FAILOVER.name(), Operation.UNPLANNED_FAILOVER,
            Workflows.CHANGE_RECOVERY_POINT.name(), Operation.CHANGE_RECOVERY_POINT,
            Workflows.CANCEL_FAILOVER.name(), Operation.CANCEL_FAILOVER,
            Workflows.COMMIT_FAILOVER.name(), Operation.COMMIT,
            Workflows.TEST_FAILOVER.name(), Operation.TEST_FAILOVER,
            Workflows.TEST_FAILOVER_CLEANUP.name(), Operation.TEST_FAILOVER_CLEANUP,
            Workflows.DISABLE_PROTECTION.name(), Operation.DISABLE_PROTECTION);

    private final ItemLifecycle lifecycle;

    public LifecycleResumeCheck(ItemLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void beforeResume(Job job) {
        Operation operation = job.workflow() == null ? null : OPERATIONS.get(job.workflow());
        if (operation == null) {
            return;
        }
        itemOf(job).ifPresent(itemId -> lifecycle.resume(itemId, job, operation));
    }

    private static Optional<String> itemOf(Job job) {
        Optional<JsonNode> plan = Outputs.FAILOVER_PLAN.read(job);
        if (plan.isPresent()) {
            return Optional.of(plan.get().path("itemId").asText());
        }
        return RemoveReplication.ITEM_ID.read(job);
    }
}
