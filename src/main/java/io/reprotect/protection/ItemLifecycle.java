package io.reprotect.protection;

import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.PermanentStageException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads and moves a protected item's {@link Lifecycle} through {@link LifecycleTable}, in the item's own blob
 * (If-Match): a refused move writes nothing. A lifecycle job that ended without its last stage is settled when
 * the item is read, from what its job record says it did.
 */
@ApplicationScoped
public class ItemLifecycle {

    private final ProtectedItemStore items;
    private final JobStore jobs;

    public ItemLifecycle(ProtectedItemStore items, JobStore jobs) {
        this.items = items;
        this.jobs = jobs;
    }

    /** The item with its lifecycle settled, or empty when there is none. */
    public Optional<ProtectedItem> get(String itemId) {
        return items.get(itemId).map(this::settled);
    }

    public ProtectedItem settled(ProtectedItem item) {
        return item.withLifecycle(settle(item.lifecycle()));
    }

    private Lifecycle settle(Lifecycle l) {
        if (l.running() == null) {
            return l;
        }
        return LifecycleTable.settle(l, jobs.get(l.runningJobId()).map(Versioned::value));
    }

    /**
     * Writes the settled lifecycle of the item when a job that ended without its last stage left it running, so
     * that cycles and the watchdog see where the item stands. Idempotent.
     *
     * @return the item as stored afterwards, or empty when there is none
     */
    public Optional<ProtectedItem> settleStored(String itemId) {
        return items.change(itemId, this::settled);
    }

    /**
     * Records job {@code jobId} of {@code operation} as running, in its row's {@code during} state, before the
     * job is submitted; {@code facts} adds what the operation knows at its start.
     *
     * @return the item as it was before (to undo with {@link #abandon} if the job cannot be submitted)
     * @throws OperationNotAllowedException the state does not allow it (nothing written)
     */
    public ProtectedItem start(String itemId, Operation operation, String jobId, UnaryOperator<Lifecycle> facts) {
        ProtectedItem[] before = new ProtectedItem[1];
        items.change(itemId, i -> {
            Lifecycle l = settle(i.lifecycle());
            before[0] = i.withLifecycle(l);
            if (l.runs(jobId)) {
                return i.withLifecycle(l);
            }
            return i.withLifecycle(facts.apply(LifecycleTable.start(l, operation, jobId, itemId)));
        }).orElseThrow(() -> new ItemNotFoundException(itemId));
        return before[0];
    }

    /** Undoes {@link #start} of a job that could not be submitted (while it is still the running one). */
    public void abandon(String itemId, String jobId, ProtectedItem before) {
        items.change(itemId, i -> i.lifecycle().runs(jobId) ? i.withLifecycle(before.lifecycle()) : i);
    }

    /**
     * The run-time check of every destructive stage: the item's lifecycle still runs this job. A resumed,
     * redelivered or stale job whose item moved on stops here, before it changes anything.
     *
     * @throws PermanentStageException the item is gone, or another state than this job's holds
     */
    public ProtectedItem requireRunning(String itemId, Job job) {
        ProtectedItem item = items.get(itemId).orElseThrow(() -> stale(itemId, job, "the protected item is gone"));
        if (!item.lifecycle().runs(job.id())) {
            throw stale(itemId, job, "the item is in " + item.lifecycle().describe());
        }
        return item;
    }

    /**
     * The running job's last stage: moves the item to its row's success state, with {@code change} applied
     * (the facts the job established). A rerun after it was written changes nothing.
     *
     * @throws PermanentStageException the job is not the one running (a stale job)
     */
    public ProtectedItem succeed(String itemId, Job job, UnaryOperator<ProtectedItem> change) {
        return items.change(itemId, i -> {
            Lifecycle l = i.lifecycle();
            if (l.running() == null && job.id().equals(l.lastJobId())) {
                return i; // a rerun: already written
            }
            if (!l.runs(job.id())) {
                throw stale(itemId, job, "the item is in " + l.describe());
            }
            return change.apply(i.withLifecycle(LifecycleTable.succeed(l)));
        }).orElseThrow(() -> stale(itemId, job, "the protected item is gone"));
    }

    /**
     * Lets a failed lifecycle job run again: only while nothing ran on the item since it failed (it is the last
     * job the lifecycle settled) and the state it settled in still allows it; the job is recorded as running
     * again in its row's {@code during} state.
     *
     * @throws OperationNotAllowedException another operation ran since, or one is running
     */
    public void resume(String itemId, Job job, Operation operation) {
        items.change(itemId, i -> {
            Lifecycle l = settle(i.lifecycle());
            if (l.runs(job.id())) {
                return i.withLifecycle(l);
            }
            if (l.running() != null || !job.id().equals(l.lastJobId())) {
                throw new OperationNotAllowedException("Resume of job " + job.id() + " (" + operation + ")",
                        l.describe() + (l.running() == null ? "; job " + l.lastJobId() + " ran on the item since"
                        : ""), LifecycleTable.allowedNames(l), itemId, l.runningJobId());
            }
            LifecycleTable.Rule r = LifecycleTable.rule(operation);
            Lifecycle running = new Lifecycle(r.during() != null ? r.during() : l.status(),
                    r.drillDuring() != null ? r.drillDuring() : l.drill(), l.failoverType(), l.failoverJobIds(),
                    l.recoveryPointId(), l.drillJobId(), new Lifecycle.RunningJob(job.id(), operation, l.status(),
                    l.drill()), l.lastJobId());
            return i.withLifecycle(running);
        }).orElseThrow(() -> new ItemNotFoundException(itemId));
    }

    private static PermanentStageException stale(String itemId, Job job, String why) {
        return new PermanentStageException(JobError.of("StaleJob", "Job " + job.id() + " no longer runs on protected "
                + "item " + itemId + ": " + why + ". It stopped before changing anything.",
                "The job was resumed, redelivered or cancelled after another operation moved the item on.",
                "Read the item (GET /api/protected-items/" + itemId + ") and start what its allowedOperations offer."));
    }

    /** No protected item has this id. */
    public static class ItemNotFoundException extends RuntimeException {
        public ItemNotFoundException(String itemId) {
            super("No protected item " + itemId + "; list them with GET /api/protected-items");
        }
    }
}
