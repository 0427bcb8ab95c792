package io.reprotect.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.DerivedIds;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.job.VmBusyException;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.Workflow;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleJobs;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.Operation;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.replication.CycleInputs;
import io.reprotect.replication.RemoveReplication;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Starts the lifecycle jobs of a protected item: checks the call against the item's {@link Lifecycle}
 * ({@link LifecycleTable}; 409 when not allowed, and then nothing is written or cancelled), writes the state
 * the job starts in, and submits the workflow. A drill runs under its own key, so replication cycles keep
 * running; every other operation takes over from the item's replication cycle: the one waiting for its turn
 * is cancelled, and one that is running is asked to stop and the new job waits for it (the 202 job says so in
 * its first task's progress).
 */
@ApplicationScoped
public class FailoverService {

    private static final String DRILL_KEY = "|test-failover";
    private final ItemLifecycle lifecycle;
    private final JobService jobs;
    private final JobStore store;
    private final DrillNetworkCheck drillNetworks;
    private final LifecycleJobs lifecycleJobs;

    public FailoverService(ItemLifecycle lifecycle, JobService jobs, JobStore store, DrillNetworkCheck drillNetworks,
            LifecycleJobs lifecycleJobs) {
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.store = store;
        this.drillNetworks = drillNetworks;
        this.lifecycleJobs = lifecycleJobs;
    }

    /** The item's whole state as callers see it. */
    public ItemState state(ProtectedItem item) {
        Lifecycle l = lifecycle.settled(item).lifecycle();
        return ItemState.of(l, item.placement().activeLocation());
    }

    /** The whole state of item {@code itemId}, or empty when there is no such item. */
    public Optional<ItemState> state(String itemId) {
        return lifecycle.get(itemId).map(i -> ItemState.of(i.lifecycle(), i.placement().activeLocation()));
    }

    /** The item's lifecycle, settled, or empty when there is no such item. */
    public Optional<Lifecycle> status(String itemId) {
        return lifecycleJobs.status(itemId);
    }

    /** Where the VM runs now, in ASR's words. */
    public String activeLocation(String itemId) {
        return state(itemId).map(ItemState::activeLocation).orElse(ProtectedItem.RECOVERY);
    }

    public Job failover(String itemId, String type, String recoveryPoint, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        Operation operation = FailoverPlan.PLANNED.equals(type) ? Operation.PLANNED_FAILOVER
                : Operation.UNPLANNED_FAILOVER;
        requireAllowed(itemId, operation);
        FailoverSource item = source(itemId);
        FailoverPlan plan = FailoverPlanner.failover(item, jobId, type, recoveryPoint);
        Workflow workflow = plan.planned() ? Workflows.PLANNED_FAILOVER : Workflows.UNPLANNED_FAILOVER;
        Map<String, JsonNode> inputs = new HashMap<>(finalCycleInputs(itemId));
        inputs.putAll(Output.map(FailoverPlan.INPUT.of(plan)));
        return start(itemId, operation, l -> l.withFailover(type, l.failoverJobIds(), l.recoveryPointId()),
                new JobSpec(jobId, workflow, item.vmId(), null, inputs, null));
    }

    /**
     * Creates the VM again from another recovery point: the new point's disks first, then what the failover
     * (and any failed change before) created is removed, then the VM is created on them.
     */
    public Job changeRecoveryPoint(String itemId, String recoveryPoint, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        Lifecycle status = requireAllowed(itemId, Operation.CHANGE_RECOVERY_POINT);
        FailoverPlan plan = FailoverPlanner.failover(item, jobId, status.failoverType(), recoveryPoint);
        Map<String, JsonNode> inputs = removalInputs(status.failoverJobIds());
        inputs.putAll(Output.map(FailoverPlan.INPUT.of(plan)));
        return start(itemId, Operation.CHANGE_RECOVERY_POINT, l -> l,
                new JobSpec(jobId, Workflows.CHANGE_RECOVERY_POINT, item.vmId(), null, inputs, null));
    }

    public Job cancel(String itemId, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        Lifecycle status = requireAllowed(itemId, Operation.CANCEL_FAILOVER);
        Map<String, JsonNode> inputs = removalInputs(status.failoverJobIds());
        plan(status.failoverJobIds().get(0)).ifPresent(p -> inputs.putAll(Output.map(Outputs.FAILOVER_PLAN.of(p))));
        return start(itemId, Operation.CANCEL_FAILOVER, l -> l,
                new JobSpec(jobId, Workflows.CANCEL_FAILOVER, item.vmId(), null, inputs, null));
    }

    public Job commit(String itemId, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        Lifecycle status = requireAllowed(itemId, Operation.COMMIT);
        Map<String, JsonNode> inputs = removalInputs(List.of(status.failoverJobId()));
        inputs.putAll(Output.map(Outputs.FAILOVER_PLAN.of(plan(status.failoverJobId()).orElseThrow()),
                RemoveReplication.ITEM_ID.of(itemId)));
        return start(itemId, Operation.COMMIT, l -> l,
                new JobSpec(jobId, Workflows.COMMIT_FAILOVER, item.vmId(), null, inputs, null));
    }

    public Job testFailover(String itemId, String recoveryPoint, String networkId, boolean allowProduction,
                            String jobId) {
        return testFailover(itemId, recoveryPoint, networkId, allowProduction, DrillKeep.NONE, jobId);
    }

    /** A drill whose VM keeps the production identities and tags {@code keep} names (by default none). */
    public Job testFailover(String itemId, String recoveryPoint, String networkId, boolean allowProduction,
                            DrillKeep keep, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        requireAllowed(itemId, Operation.TEST_FAILOVER);
        FailoverSource item = source(itemId);
        FailoverPlan plan = FailoverPlanner.testFailover(item, jobId, recoveryPoint, networkId, allowProduction, keep);
        drillNetworks.requireIsolated(plan, networkId, allowProduction);
        Map<String, JsonNode> inputs = Output.map(FailoverPlan.INPUT.of(plan));
        return start(itemId, Operation.TEST_FAILOVER, l -> l.withDrillJob(jobId),
                new JobSpec(jobId, Workflows.TEST_FAILOVER, item.vmId() + DRILL_KEY, null, inputs, null));
    }

    public Job testFailoverCleanup(String itemId, String jobId) {
        Optional<Job> again = existing(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        FailoverSource item = source(itemId);
        Lifecycle status = requireAllowed(itemId, Operation.TEST_FAILOVER_CLEANUP);
        Map<String, JsonNode> inputs = removalInputs(List.of(status.drillJobId()));
        inputs.putAll(Output.map(Outputs.FAILOVER_PLAN.of(plan(status.drillJobId()).orElseThrow())));
        return start(itemId, Operation.TEST_FAILOVER_CLEANUP, l -> l,
                new JobSpec(jobId, Workflows.TEST_FAILOVER_CLEANUP, item.vmId() + DRILL_KEY, null, inputs, null));
    }

    /** Records the job as running in its start state and submits it ({@link LifecycleJobs#start}). */
    private Job start(String itemId, Operation operation, UnaryOperator<Lifecycle> facts, JobSpec spec) {
        return lifecycleJobs.start(itemId, operation, facts, spec, spec.vmId().endsWith(DRILL_KEY));
    }

    /** As {@link LifecycleJobs#requireAllowed}. */
    public Lifecycle requireAllowed(String itemId, Operation operation) {
        return lifecycleJobs.requireAllowed(itemId, operation);
    }

    /** The job of a call made again with the same Idempotency-Key. */
    Optional<Job> existing(String jobId) {
        return lifecycleJobs.existing(jobId);
    }

    /**
     * What submitting a job of the item's VM (or of its drill key) would answer, without submitting: busy when
     * another job than the item's own replication cycle holds it (a failover takes over from that).
     *
     * @throws VmBusyException as {@link JobService#submit} would
     */
    void requireVmFree(String itemId, FailoverSource item, boolean drill) {
        if (drill) {
            jobs.requireVmFree(item.vmId() + DRILL_KEY, null);
            return;
        }
        ProtectedItem protectedItem = lifecycle.get(itemId).orElseThrow();
        jobs.requireVmFree(item.vmId(), lifecycleJobs.runningCycle(protectedItem).orElse(null));
    }

    /** The item, as the failover planner reads it. */
    FailoverSource source(String itemId) {
        var item = lifecycle.get(itemId).orElseThrow(() -> new ItemLifecycle.ItemNotFoundException(itemId));
        return FailoverSource.fromItem(itemId, JobJson.MAPPER.valueToTree(item));
    }

    /**
     * What the replication cycle's stages read in a planned failover's final cycle: which item, and the
     * number of the cycle it takes over from.
     */
    private Map<String, JsonNode> finalCycleInputs(String itemId) {
        long number = lifecycle.get(itemId).map(i -> i.cycle() == null ? 0L : i.cycle().lastCycle()).orElse(0L);
        return Output.map(CycleInputs.CYCLE.of(new CycleInputs.Cycle(itemId, number)));
    }

    /** What the jobs recorded they created, as the input of the job that removes it. */
    Map<String, JsonNode> removalInputs(List<String> jobIds) {
        List<CreatedResources> created = new ArrayList<>();
        for (String jobId : jobIds) {
            created.add(createdBy(jobId));
        }
        return Output.map(CreatedResources.INPUT.of(created));
    }

    /** What one failover or drill job recorded it created. */
    CreatedResources createdBy(String jobId) {
        Job job = store.get(jobId).map(Versioned::value).orElseThrow(() ->
                new IllegalStateException("job " + jobId + " is gone"));
        String vm = FailoverOutputs.VM.read(job).orElse(null);
        java.util.Set<String> nics = new java.util.LinkedHashSet<>(
                FailoverOutputs.CREATED_NICS.read(job).orElse(List.of()));
        java.util.Set<String> disks = new java.util.LinkedHashSet<>(FailoverOutputs.DISKS.read(job).orElse(List.of()));
        Map<String, String> uniqueIds = new HashMap<>();
        for (FailoverOutputs.CreatedDisk disk : FailoverOutputs.CREATED_DISKS.read(job).orElse(List.of())) {
            disks.add(disk.id());
            if (disk.uniqueId() != null) {
                uniqueIds.put(disk.id().toLowerCase(java.util.Locale.ROOT), disk.uniqueId());
            }
        }
        // what it planned under its own names: a job that failed part-way may have created one without recording it
        FailoverPlan.INPUT.read(job).ifPresent(plan -> {
            plan.disks().forEach(d -> disks.add(CreateFailoverDisks.diskId(plan, d)));
            plan.nics().forEach(n -> nics.add(AttachFailoverNetwork.nicId(plan, n)));
        });
        return new CreatedResources(jobId, vm, dedupe(nics), dedupe(disks), uniqueIds);
    }

    /** Ids in first-seen order, each once whatever its casing (ARM ids are case-insensitive). */
    private static List<String> dedupe(java.util.Collection<String> ids) {
        Map<String, String> byLower = new java.util.LinkedHashMap<>();
        ids.forEach(id -> byLower.putIfAbsent(id.toLowerCase(java.util.Locale.ROOT), id));
        return List.copyOf(byLower.values());
    }

    /** The plan {@code jobId} recorded, as it stored it (copied unchanged into the job that undoes it). */
    Optional<JsonNode> plan(String jobId) {
        return jobId == null ? Optional.empty() : store.get(jobId).flatMap(v -> Outputs.FAILOVER_PLAN.read(v.value()));
    }

    /** A fresh job id, or one derived from the caller's Idempotency-Key so a retry returns the same job. */
    public static String jobId(String operation, String itemId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : DerivedIds.of(operation + ":" + itemId + ":" + idempotencyKey);
    }
}
