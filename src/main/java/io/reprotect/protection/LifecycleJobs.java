package io.reprotect.protection;

import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Starts the jobs that change a protected item's lifecycle (failover, commit, drill, disable, ...), the same way
 * for every workflow: the call is checked against the item's {@link Lifecycle} ({@link LifecycleTable}; a refusal
 * writes and cancels nothing), the state the job starts in is written, and the job is submitted, taking the VM
 * over from the item's replication cycle unless it runs beside it (a drill): a cycle job of the engine before fleet
 * cycles is cancelled or asked to stop; a fleet tick running the item's cycle sees the lifecycle move on and stops,
 * and the new job's first stage waits until it has let go ({@code TakeoverWait}).
 */
@ApplicationScoped
public class LifecycleJobs {

    private final ItemLifecycle lifecycle;
    private final JobService jobs;
    private final JobStore store;

    public LifecycleJobs(ItemLifecycle lifecycle, JobService jobs, JobStore store) {
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.store = store;
    }

    /** The item's lifecycle, settled, or empty when there is no such item. */
    public Optional<Lifecycle> status(String itemId) {
        return lifecycle.get(itemId).map(ProtectedItem::lifecycle);
    }

    /**
     * The current lifecycle, settled; throws when {@code operation} is not allowed in it (checked again,
     * atomically, when the job starts).
     */
    public Lifecycle requireAllowed(String itemId, Operation operation) {
        Lifecycle l = status(itemId).orElseThrow(() -> new ItemLifecycle.ItemNotFoundException(itemId));
        LifecycleTable.requireAllowed(l, operation, itemId);
        return l;
    }

    /** The job of a call made again with the same Idempotency-Key (or the same derived id). */
    public Optional<Job> existing(String jobId) {
        return store.get(jobId).map(Versioned::value);
    }

    /**
     * Records the job as running in its start state (a refusal writes nothing), takes the VM over from its
     * replication cycle unless {@code besideCycles}, then submits the job; undoes the record if the job cannot
     * be submitted.
     */
    public Job start(String itemId, Operation operation, UnaryOperator<Lifecycle> facts, JobSpec spec,
            boolean besideCycles) {
        ProtectedItem before = lifecycle.start(itemId, operation, spec.jobId(), facts);
        try {
            if (besideCycles) {
                return jobs.submit(spec);
            }
            Optional<String> cycleJob = runningCycle(before);
            // a fleet tick running the item's cycle lets go at its next stage, having seen the lifecycle move on
            return cycleJob.isEmpty() && fleetTurn(before)
                    ? jobs.submit(spec.after(CycleInProgress.turnHolder(itemId)))
                    : jobs.submitTakingOver(spec, cycleJob);
        } catch (RuntimeException e) {
            lifecycle.abandon(itemId, spec.jobId(), before);
            throw e;
        }
    }

    /** A fleet tick had claimed the item's cycle when the job started (whether it still runs is checked at run time). */
    private static boolean fleetTurn(ProtectedItem item) {
        return item.cycle() != null && item.cycle().inProgress() != null
                && item.cycle().inProgress().turnOwner() != null;
    }

    /** The item's replication cycle that holds its VM (waiting for its turn or running), if any. */
    public Optional<String> runningCycle(ProtectedItem item) {
        return store.vmHolder(item.vmId()).filter(holder -> store.get(holder).map(Versioned::value)
                .map(j -> Workflows.REPLICATION_CYCLE.name().equals(j.workflow())).orElse(false));
    }
}
