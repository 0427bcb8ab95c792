package io.reprotect.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.JobJson;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflow;
import io.reprotect.pipeline.Workflows;
import io.reprotect.stage.Outputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Starts the failover-lifecycle jobs of a protected item: checks the call against the item's
 * {@link FailoverStatus} (409 when not allowed), moves the status on with optimistic concurrency, and
 * submits the workflow with its {@link FailoverPlan}. A drill runs under its own key, so replication
 * cycles of the VM keep running; a failover cancels the next cycle waiting for its turn and holds the
 * VM like any other job (a cycle that is running makes the call answer 409; retry in a few seconds).
 */
@ApplicationScoped
public class FailoverService {

    private static final String DRILL_KEY = "|test-failover";
    private final ProtectedItemStore items;
    private final FailoverStatusStore statuses;
    private final JobService jobs;
    private final JobStore store;

    public FailoverService(ProtectedItemStore items, FailoverStatusStore statuses, JobService jobs, JobStore store) {
        this.items = items;
        this.statuses = statuses;
        this.jobs = jobs;
        this.store = store;
    }

    /** The item's failover status, with a job that failed mid-way turned into a state that allows undoing it. */
    public Optional<FailoverStatus> status(String itemId) {
        if (items.get(itemId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(settle(statuses.get(itemId)));
    }

    /** Where the item's VM runs now, in ASR's words: its protected location, the other side once failed over. */
    public String activeLocation(String itemId, FailoverStatus status) {
        return status.activeLocation(items.get(itemId).map(i -> i.activeLocation())
                .orElse(io.reprotect.protection.ProtectedItem.RECOVERY));
    }

    public Job failover(String itemId, String type, String recoveryPoint, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        String operation = FailoverPlan.PLANNED.equals(type) ? FailoverStatus.Operation.PLANNED_FAILOVER
                : FailoverStatus.Operation.UNPLANNED_FAILOVER;
        FailoverPlan plan = FailoverPlanner.failover(item, jobId, type, recoveryPoint);
        Workflow workflow = plan.planned() ? Workflows.PLANNED_FAILOVER : Workflows.UNPLANNED_FAILOVER;
        Map<String, JsonNode> inputs = new HashMap<>(replicationInputs(item));
        inputs.put(FailoverPlan.INPUT, StageContext.json(plan));
        return start(itemId, operation, s -> s.withFailover(FailoverStatus.IN_PROGRESS, type, null, null),
                new JobSpec(jobId, workflow, item.vmId(), null, inputs, null));
    }

    public Job changeRecoveryPoint(String itemId, String recoveryPoint, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        FailoverStatus status = requireAllowed(itemId, FailoverStatus.Operation.CHANGE_RECOVERY_POINT);
        FailoverPlan plan = FailoverPlanner.failover(item, jobId, status.failoverType(), recoveryPoint);
        Map<String, JsonNode> inputs = createdBy(status.failoverJobId());
        inputs.put(FailoverPlan.INPUT, StageContext.json(plan));
        return start(itemId, FailoverStatus.Operation.CHANGE_RECOVERY_POINT, s -> s,
                new JobSpec(jobId, Workflows.CHANGE_RECOVERY_POINT, item.vmId(), null, inputs, null));
    }

    public Job cancel(String itemId, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        FailoverStatus status = requireAllowed(itemId, FailoverStatus.Operation.CANCEL_FAILOVER);
        String owner = status.failoverJobId() != null ? status.failoverJobId() : status.runningJobId();
        Map<String, JsonNode> inputs = createdBy(owner);
        return start(itemId, FailoverStatus.Operation.CANCEL_FAILOVER, s -> s,
                new JobSpec(jobId, Workflows.CANCEL_FAILOVER, item.vmId(), null, inputs, null));
    }

    public Job commit(String itemId, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        FailoverStatus status = requireAllowed(itemId, FailoverStatus.Operation.COMMIT);
        Map<String, JsonNode> inputs = new HashMap<>(Map.of(FailoverPlan.INPUT,
                plan(status.failoverJobId()).orElseThrow()));
        return start(itemId, FailoverStatus.Operation.COMMIT, s -> s,
                new JobSpec(jobId, Workflows.COMMIT_FAILOVER, item.vmId(), null, inputs, null));
    }

    public Job testFailover(String itemId, String recoveryPoint, String networkId, boolean allowProduction,
                            String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        FailoverPlan plan = FailoverPlanner.testFailover(item, jobId, recoveryPoint, networkId, allowProduction);
        Map<String, JsonNode> inputs = Map.of(FailoverPlan.INPUT, StageContext.json(plan));
        return start(itemId, FailoverStatus.Operation.TEST_FAILOVER,
                s -> s.withTest(FailoverStatus.TEST_IN_PROGRESS, jobId),
                new JobSpec(jobId, Workflows.TEST_FAILOVER, item.vmId() + DRILL_KEY, null, inputs, null));
    }

    public Job testFailoverCleanup(String itemId, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        FailoverStatus status = requireAllowed(itemId, FailoverStatus.Operation.TEST_FAILOVER_CLEANUP);
        Map<String, JsonNode> inputs = createdBy(status.testFailoverJobId());
        return start(itemId, FailoverStatus.Operation.TEST_FAILOVER_CLEANUP,
                s -> s.withTest(FailoverStatus.TEST_CLEANUP_IN_PROGRESS, s.testFailoverJobId()),
                new JobSpec(jobId, Workflows.TEST_FAILOVER_CLEANUP, item.vmId() + DRILL_KEY, null, inputs, null));
    }

    /** Checks the operation is allowed, records the job as running, then submits it (undoing the record if it cannot start). */
    private Job start(String itemId, String operation, UnaryOperator<FailoverStatus> change, JobSpec spec) {
        AtomicReference<FailoverStatus> before = new AtomicReference<>();
        statuses.change(itemId, current -> {
            FailoverStatus s = settle(current);
            before.set(s);
            if (spec.jobId().equals(s.runningJobId())) {
                return s; // the same call again (same Idempotency-Key)
            }
            if (!s.allowedOperations().contains(operation)) {
                throw new OperationNotAllowedException(operation, s.describe(), s.allowedOperations());
            }
            return change.apply(s).withRunningJob(spec.jobId());
        });
        if (!spec.vmId().endsWith(DRILL_KEY)) {
            // the next replication cycle waits for its turn holding the VM: a failover takes over from it
            items.get(itemId).map(i -> i.cycle() == null ? null : i.cycle().nextCycleJobId()).ifPresent(jobs::cancelWaiting);
        }
        try {
            return jobs.submit(spec);
        } catch (RuntimeException e) {
            statuses.change(itemId, s -> spec.jobId().equals(s.runningJobId()) ? before.get() : s);
            throw e;
        }
    }

    /** A running job that ended without its last stage leaves the item in a state that allows undoing it. */
    private FailoverStatus settle(FailoverStatus s) {
        if (s.runningJobId() == null) {
            return s;
        }
        Optional<Job> job = store.get(s.runningJobId()).map(Versioned::value);
        if (job.isPresent() && !job.get().state().ended()) {
            return s;
        }
        boolean failed = job.isEmpty() || job.get().state() != JobState.Succeeded;
        FailoverStatus settled = s.withRunningJob(null);
        if (failed && FailoverStatus.IN_PROGRESS.equals(s.failoverState())) {
            // the failed job may have created some of the VM: cancel removes it
            settled = settled.withFailover(FailoverStatus.PENDING_COMMIT_FAILED, s.failoverType(), s.runningJobId(), null);
        }
        if (failed && (FailoverStatus.TEST_IN_PROGRESS.equals(s.testFailoverState())
                || FailoverStatus.TEST_CLEANUP_IN_PROGRESS.equals(s.testFailoverState()))) {
            settled = settled.withTest(FailoverStatus.TEST_WAITING_FOR_CLEANUP, s.testFailoverJobId());
        }
        return settled;
    }

    /** The current status, settled; throws when {@code operation} is not allowed in it (checked again when the job starts). */
    private FailoverStatus requireAllowed(String itemId, String operation) {
        FailoverStatus s = settle(statuses.get(itemId));
        if (!s.allowedOperations().contains(operation)) {
            throw new OperationNotAllowedException(operation, s.describe(), s.allowedOperations());
        }
        return s;
    }

    /** The job of a call made again with the same Idempotency-Key. */
    private Optional<Job> existing(String jobId) {
        return store.get(jobId).map(Versioned::value);
    }

    private FailoverSource source(String itemId) {
        var item = items.get(itemId).orElseThrow(() -> new ItemNotFoundException(itemId));
        return FailoverSource.fromItem(itemId, JobJson.MAPPER.valueToTree(item));
    }

    /** What a reused stage (resync, start-replication) reads: the replicas and their account. */
    private static Map<String, JsonNode> replicationInputs(FailoverSource item) {
        return Map.of(Outputs.REPLICAS, StageContext.json(item.replicas()),
                Outputs.TARGET_STORAGE_ACCOUNT, StageContext.json(item.targetStorageAccount()));
    }

    /** The ids a failover or drill job recorded, and its plan, as inputs of the job that removes them. */
    private Map<String, JsonNode> createdBy(String jobId) {
        Map<String, JsonNode> inputs = new HashMap<>();
        Job job = store.get(jobId).map(Versioned::value).orElseThrow(() ->
                new IllegalStateException("job " + jobId + " is gone"));
        for (String key : List.of(FailoverOutputs.DISKS, FailoverOutputs.CREATED_NICS, FailoverOutputs.VM,
                FailoverPlan.INPUT)) {
            if (job.outputs().containsKey(key)) {
                inputs.put(key, job.outputs().get(key));
            }
        }
        inputs.put(RemoveFailoverResources.CREATED_BY, StageContext.json(jobId));
        return inputs;
    }

    private Optional<JsonNode> plan(String jobId) {
        return store.get(jobId).map(v -> v.value().outputs().get(FailoverPlan.INPUT));
    }

    /** A fresh job id, or one derived from the caller's Idempotency-Key so a retry returns the same job. */
    public static String jobId(String operation, String itemId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((operation + ":" + itemId + ":" + idempotencyKey)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** No protected item has this id. */
    public static class ItemNotFoundException extends RuntimeException {
        public ItemNotFoundException(String itemId) {
            super("No protected item " + itemId + "; list them with GET /api/protected-items");
        }
    }
}
