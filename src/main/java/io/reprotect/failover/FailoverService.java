package io.reprotect.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.JobJson;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflow;
import io.reprotect.pipeline.Workflows;
import io.reprotect.replication.CycleInputs;
import io.reprotect.replication.ProtectionService;
import io.reprotect.replication.RemoveReplication;
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
    private final ProtectionService protection;

    public FailoverService(ProtectedItemStore items, FailoverStatusStore statuses, JobService jobs, JobStore store,
                           ProtectionService protection) {
        this.items = items;
        this.statuses = statuses;
        this.jobs = jobs;
        this.store = store;
        this.protection = protection;
    }

    /**
     * The item's whole state: protection, failover and drill state, the operation in progress, and the
     * operations allowed now (none while an operation's job runs, or while protection is being disabled).
     */
    public ItemState state(ProtectedItem item) {
        FailoverStatus s = settle(statuses.get(item.id()));
        String running = s.runningJobId();
        String scenario = running == null ? ItemState.NO_SCENARIO : store.get(running)
                .map(v -> ItemState.scenarioOf(v.value().workflow())).orElse(ItemState.NO_SCENARIO);
        boolean disabling = ProtectedItem.DISABLING.equals(item.protectionState());
        if (disabling && ItemState.NO_SCENARIO.equals(scenario)) {
            scenario = FailoverStatus.Operation.DISABLE_PROTECTION;
        }
        return new ItemState(item.protectionState(), s.activeLocation(item.activeLocation()), s.failoverState(), s.failoverType(),
                s.testFailoverState(), scenario, running, allowed(item, s));
    }

    /** The whole state of item {@code itemId}, or empty when there is no such item. */
    public Optional<ItemState> state(String itemId) {
        return items.get(itemId).map(this::state);
    }

    /** What {@code s} allows, given the item: nothing once protection is being disabled. */
    private static List<String> allowed(ProtectedItem item, FailoverStatus s) {
        return ProtectedItem.DISABLING.equals(item.protectionState()) ? List.of() : s.allowedOperations();
    }

    /**
     * Disables protection when the item's state allows it (409 otherwise: a failover pending commit is
     * committed or cancelled first); a repeat while disabling returns the same job.
     *
     * @return the job, or empty when there is no such item
     */
    public Optional<Job> disable(String itemId) {
        Optional<ProtectedItem> item = items.get(itemId);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        if (ProtectedItem.DISABLING.equals(item.get().protectionState())) {
            return protection.disable(itemId); // the same call again: the same job
        }
        String jobId = ProtectionService.disableJobId(item.get());
        AtomicReference<FailoverStatus> before = new AtomicReference<>();
        statuses.change(itemId, current -> {
            FailoverStatus s = settle(current);
            before.set(s);
            if (jobId.equals(s.runningJobId())) {
                return s;
            }
            requireAllowed(item.get(), s, FailoverStatus.Operation.DISABLE_PROTECTION);
            return s.withRunningJob(jobId);
        });
        try {
            return protection.disable(itemId);
        } catch (RuntimeException e) {
            statuses.change(itemId, s -> jobId.equals(s.runningJobId()) ? before.get() : s);
            throw e;
        }
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
        String operation = FailoverPlan.PLANNED.equals(type) ? FailoverStatus.Operation.PLANNED_FAILOVER
                : FailoverStatus.Operation.UNPLANNED_FAILOVER;
        requireAllowed(itemId, operation);
        FailoverSource item = source(itemId);
        FailoverPlan plan = FailoverPlanner.failover(item, jobId, type, recoveryPoint);
        Workflow workflow = plan.planned() ? Workflows.PLANNED_FAILOVER : Workflows.UNPLANNED_FAILOVER;
        Map<String, JsonNode> inputs = new HashMap<>(finalCycleInputs(itemId));
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
        Map<String, JsonNode> inputs = createdBy(cancelled(status));
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
                plan(status.failoverJobId()).orElseThrow(), RemoveReplication.ITEM_ID, StageContext.json(itemId)));
        return start(itemId, FailoverStatus.Operation.COMMIT, s -> s,
                new JobSpec(jobId, Workflows.COMMIT_FAILOVER, item.vmId(), null, inputs, null));
    }

    public Job testFailover(String itemId, String recoveryPoint, String networkId, boolean allowProduction,
                            String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        requireAllowed(itemId, FailoverStatus.Operation.TEST_FAILOVER);
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
        ProtectedItem item = items.get(itemId).orElseThrow(() -> new ItemNotFoundException(itemId));
        AtomicReference<FailoverStatus> before = new AtomicReference<>();
        statuses.change(itemId, current -> {
            FailoverStatus s = settle(current);
            before.set(s);
            if (spec.jobId().equals(s.runningJobId())) {
                return s; // the same call again (same Idempotency-Key)
            }
            requireAllowed(item, s, operation);
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

    /**
     * The current status, settled; throws when {@code operation} is not allowed in the item's state
     * (checked again, atomically, when the job starts).
     */
    FailoverStatus requireAllowed(String itemId, String operation) {
        ProtectedItem item = items.get(itemId).orElseThrow(() -> new ItemNotFoundException(itemId));
        FailoverStatus s = settle(statuses.get(itemId));
        requireAllowed(item, s, operation);
        return s;
    }

    private void requireAllowed(ProtectedItem item, FailoverStatus s, String operation) {
        List<String> allowed = allowed(item, s);
        if (!allowed.contains(operation)) {
            ItemState state = state(item);
            throw new OperationNotAllowedException(operation, state.describe(), allowed, item.id(),
                    state.currentJobId());
        }
    }

    /** The job of a call made again with the same Idempotency-Key. */
    Optional<Job> existing(String jobId) {
        return store.get(jobId).map(Versioned::value);
    }

    /**
     * What submitting a job of the item's VM (or of its drill key) would answer, without submitting: busy when
     * another job holds it, except the replication cycle waiting for its turn, which a failover cancels first.
     *
     * @throws io.reprotect.job.VmBusyException as {@link JobService#submit} would
     */
    void requireVmFree(String itemId, FailoverSource item, boolean drill) {
        if (drill) {
            jobs.requireVmFree(item.vmId() + DRILL_KEY, null);
            return;
        }
        jobs.requireVmFree(item.vmId(), items.get(itemId).map(i -> i.cycle() == null ? null
                : i.cycle().nextCycleJobId()).orElse(null));
    }

    /** The job whose VM, disks and NICs a cancel removes. */
    static String cancelled(FailoverStatus status) {
        return status.failoverJobId() != null ? status.failoverJobId() : status.runningJobId();
    }

    /** The item, as the failover planner reads it. */
    FailoverSource source(String itemId) {
        var item = items.get(itemId).orElseThrow(() -> new ItemNotFoundException(itemId));
        return FailoverSource.fromItem(itemId, JobJson.MAPPER.valueToTree(item));
    }

    /**
     * What the replication cycle's stages read in a planned failover's final cycle: which item, and the
     * number of the cycle it takes over from (the one that waited for its turn is cancelled on start).
     */
    private Map<String, JsonNode> finalCycleInputs(String itemId) {
        long number = items.get(itemId).map(i -> i.cycle() == null ? 0L : i.cycle().lastCycle()).orElse(0L);
        return Map.of(CycleInputs.CYCLE, StageContext.json(new CycleInputs.Cycle(itemId, number)));
    }

    /** The ids a failover or drill job recorded, and its plan, as inputs of the job that removes them. */
    Map<String, JsonNode> createdBy(String jobId) {
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

    Optional<JsonNode> plan(String jobId) {
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
