package io.reprotect.replication;

import io.reprotect.job.Job;
import io.reprotect.job.JobAlreadyExistsException;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.Redaction;
import io.reprotect.pipeline.InProcessRun;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.CycleInProgress;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.telemetry.JobTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one turn of a protected item's replication cycle in-process, through the stages the
 * {@link Workflows#REPLICATION_CYCLE} workflow names (the same beans, with a job held in memory): snapshot, copy,
 * recovery point, release, prune, and the next cycle's bookkeeping. No stage message, no job-store write per stage.
 *
 * <p>A turn first claims the item (If-Match: the cycle is due, the item is protected, no other tick holds it), then
 * runs stage after stage, reading the item again before each: when its lifecycle has moved on (a failover, a
 * disable started) the cycle is abandoned at once, the ids it was about to create already on the item (each stage
 * writes them ahead) for the next cycle or the lifecycle job to clean up. A stage that answers "later" with a delay
 * (an Azure operation in flight, a retry's backoff), or a tick out of time, ends the turn: the cycle as it stands
 * is kept on the item ({@link CycleInProgress}) and the shard's next tick goes on with it. When the cycle ends its
 * job record is written once, so {@code GET /api/jobs} and the console still list cycles.
 *
 * <p>Idempotency: the cycle's id derives from the item and its number, and every stage is idempotent; a turn that
 * dies is redone from the last state kept on the item once its claim expires.
 */
@ApplicationScoped
public class FleetCycle {

    private static final Logger LOG = Logger.getLogger(FleetCycle.class);
    /** How long a turn's claim outlives the tick's budget: the stage in work when the budget ends finishes first. */
    static final Duration CLAIM_MARGIN = Duration.ofMinutes(2);
    /** When a turn that failed outside any stage (the item store refused, 412 after retries) is tried again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    /** Health error code of a cycle that failed (a stage failed for good, or its retries ran out). */
    public static final String CYCLE_FAILED = "ReplicationCycleFailed";

    private final ProtectedItemStore items;
    private final JobStore jobs;
    private final Map<String, StageHandler> handlers = new HashMap<>();
    private final InProcessRun run;
    private final Clock clock;

    /** How a turn ended. */
    public enum End {
        /** The cycle ended (a recovery point taken, or stopped early); its next cycle is scheduled. */
        DONE,
        /** A stage waits (an operation in flight, a backoff): the shard's tick at {@code resumeAt} goes on. */
        LATER,
        /** The tick ran out of time: a tick sent at once goes on. */
        HANDED_ON,
        /** The item's lifecycle moved on, or the item is gone: the cycle stopped. */
        ABANDONED,
        /** Nothing to run: not due, not protected, or another tick holds it. */
        NOT_RUN
    }

    /** What one turn did. */
    public record Turn(String itemId, End end, Instant resumeAt, String cycleId) {
    }

    @Inject
    public FleetCycle(ProtectedItemStore items, JobStore jobs, Instance<StageHandler> handlers, PipelineConfig pipeline,
            Clock clock, JobTelemetry telemetry) {
        this(items, jobs, (Iterable<StageHandler>) handlers, pipeline, clock, telemetry);
    }

    public FleetCycle(ProtectedItemStore items, JobStore jobs, Iterable<StageHandler> handlers, PipelineConfig pipeline,
            Clock clock, JobTelemetry telemetry) {
        this.items = items;
        this.jobs = jobs;
        this.run = new InProcessRun(pipeline, telemetry, clock);
        this.clock = clock;
        Map<String, StageHandler> all = new HashMap<>();
        handlers.forEach(h -> all.put(h.stage(), h));
        for (var step : Workflows.REPLICATION_CYCLE.stages()) {
            StageHandler handler = all.get(step.name());
            if (handler == null) {
                throw new IllegalStateException("no StageHandler bean for cycle stage " + step.name());
            }
            this.handlers.put(step.name(), handler);
        }
    }

    /** True when a tick may run the item's cycle now: protected, due (or its wait is over), and no live turn. */
    static boolean due(ProtectedItem item, Instant now) {
        if (!item.isProtected() || item.cycle() == null) {
            return false;
        }
        CycleInProgress progress = item.cycle().inProgress();
        if (progress != null) {
            return !progress.turnLive(now) && (progress.resumeAt() == null || !progress.resumeAt().isAfter(now));
        }
        return item.cycle().nextCycleTime() != null && !item.cycle().nextCycleTime().isAfter(now);
    }

    /**
     * Runs the item's cycle as far as it goes before {@code deadline}, as tick {@code owner}. What is due by
     * {@code asOf} (the tick's own due time) counts as due even if this host's clock is a little behind the queue's.
     */
    public Turn turn(String itemId, String owner, Instant deadline, Instant asOf) {
        Optional<ProtectedItem> claimed = claim(itemId, owner, deadline, asOf);
        if (claimed.isEmpty()) {
            return new Turn(itemId, End.NOT_RUN, null, null);
        }
        return go(itemId, owner, deadline, claimed.get().cycle().inProgress().job(), asOf);
    }

    /** Runs the claimed cycle {@code job} on from where it stands, as {@code owner}, until it ends or waits. */
    Turn go(String itemId, String owner, Instant deadline, Job claimedJob, Instant asOf) {
        Job job = claimedJob;
        while (!job.state().ended()) {
            Instant now = latest(clock.instant(), asOf);
            Optional<ProtectedItem> current = items.get(itemId);
            if (current.isEmpty() || !current.get().isProtected() || !holds(current.get(), owner)) {
                return abandon(itemId, job, owner, now);
            }
            Instant notBefore = job.pending().notBefore();
            if (notBefore != null && notBefore.isAfter(now)) {
                return release(itemId, job, owner, notBefore, End.LATER);
            }
            if (!clock.instant().isBefore(deadline)) {
                return release(itemId, job, owner, now, End.HANDED_ON);
            }
            job = run.runPending(job, handlers.get(job.pending().stage()));
        }
        if (job.state() != JobState.Succeeded) {
            job = endFailed(job);
        }
        record(job);
        return new Turn(itemId, End.DONE, null, job.id());
    }

    /**
     * A turn that failed outside its stages (the item store refused; 412 after retries): the item's health says so,
     * and the cycle goes on from where it stood after {@link #RETRY_AFTER_FAILURE}. Never throws.
     */
    public Turn failed(String itemId, String owner, RuntimeException failure) {
        Instant now = clock.instant();
        Instant resume = now.plus(RETRY_AFTER_FAILURE);
        LOG.warnf("protected item %s: cycle turn failed, tried again at %s: %s", itemId, resume,
                Redaction.redact(String.valueOf(failure.getMessage())));
        try {
            items.change(itemId, i -> {
                ProtectedItem.CycleStatus c = i.cycle();
                ProtectedItem withError = i.withHealthErrors(HealthErrors.with(i.health().healthErrors(),
                        cycleFailed("the cycle's turn failed: " + failure.getMessage(), now)));
                return c == null || c.inProgress() == null || !owner.equals(c.inProgress().turnOwner()) ? withError
                        : withError.withCycle(c.withInProgress(c.inProgress().released(c.inProgress().job(), resume)));
            });
        } catch (RuntimeException e) {
            LOG.warnf("protected item %s: the failure could not be recorded either (its claim expires on its own): %s",
                    itemId, Redaction.redact(String.valueOf(e.getMessage())));
        }
        return new Turn(itemId, End.LATER, resume, null);
    }

    static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private Optional<ProtectedItem> claim(String itemId, String owner, Instant deadline, Instant asOf) {
        Instant now = latest(clock.instant(), asOf);
        boolean[] claimed = {false};
        Optional<ProtectedItem> saved = items.change(itemId, i -> {
            claimed[0] = false;
            if (!due(i, now) || legacyCycleRuns(i)) {
                return i;
            }
            claimed[0] = true;
            ProtectedItem.CycleStatus c = i.cycle();
            Job job = c.inProgress() != null ? c.inProgress().job() : newCycle(i, c.lastCycle());
            return i.withCycle(c.withInProgress(new CycleInProgress(job, null, owner, deadline.plus(CLAIM_MARGIN))));
        });
        return claimed[0] ? saved : Optional.empty();
    }

    /** A cycle job of the engine before fleet cycles, still scheduled or running, owns this cycle: leave it. */
    private boolean legacyCycleRuns(ProtectedItem item) {
        String id = item.cycle().nextCycleJobId();
        return item.cycle().inProgress() == null && id != null
                && jobs.get(id).map(v -> !v.value().state().ended()).orElse(false);
    }

    private Job newCycle(ProtectedItem item, long number) {
        return run.newJob(new JobSpec(CycleScheduler.cycleJobId(item, number), Workflows.REPLICATION_CYCLE,
                item.vmId(), null, Output.map(CycleInputs.CYCLE.of(new CycleInputs.Cycle(item.id(), number))), null));
    }

    private static boolean holds(ProtectedItem item, String owner) {
        return item.cycle() != null && item.cycle().inProgress() != null
                && owner.equals(item.cycle().inProgress().turnOwner());
    }

    /**
     * A cycle that failed (a stage for good, or its retries ran out) still ends as every cycle does: its error is on
     * the item's health and the next cycle is scheduled (the schedule stage, told the cycle stopped early).
     */
    private Job endFailed(Job failed) {
        Instant now = clock.instant();
        JobError error = failed.tasks().stream().flatMap(t -> t.errors().stream()).reduce((a, b) -> b).orElse(null);
        String itemId = CycleInputs.CYCLE.read(failed).orElseThrow().itemId();
        HealthError health = cycleFailed(error == null ? "the cycle failed" : error.message(), now);
        items.change(itemId, i -> i.withHealthErrors(HealthErrors.with(i.health().healthErrors(), health)));
        Job stopped = failed.withOutputs(Output.map(CycleInputs.ABORTED.of(new CycleInputs.Aborted(health.message(),
                health))));
        run.runAside(stopped, handlers.get(ScheduleNextCycle.NAME));
        return stopped;
    }

    private Turn release(String itemId, Job job, String owner, Instant resumeAt, End end) {
        items.change(itemId, i -> holds(i, owner)
                ? i.withCycle(i.cycle().withInProgress(i.cycle().inProgress().released(job, resumeAt))) : i);
        return new Turn(itemId, end, resumeAt, job.id());
    }

    private Turn abandon(String itemId, Job job, String owner, Instant now) {
        items.change(itemId, i -> holds(i, owner) ? i.withCycle(i.cycle().withInProgress(null)) : i);
        LOG.infof("protected item %s: cycle %s abandoned at stage %s (the item's lifecycle moved on)", itemId, job.id(),
                job.pending() == null ? "-" : job.pending().stage());
        record(run.cancel(job));
        return new Turn(itemId, End.ABANDONED, null, job.id());
    }

    /** The cycle's one job record; one already there (a turn redone after a crash) is left as it is. */
    private void record(Job ended) {
        try {
            jobs.createEnded(ended);
        } catch (JobAlreadyExistsException e) {
            LOG.debugf("cycle %s: job record already written", ended.id());
        }
    }

    static HealthError cycleFailed(String detail, Instant now) {
        return new HealthError(CYCLE_FAILED, HealthError.WARNING, "A replication cycle failed: " + detail,
                List.of("Azure refused or failed an operation of the cycle.", "The item store was unavailable."),
                "The next cycle tries again on its own; if the error stays, follow the stage's error in the cycle's "
                        + "job (GET /api/jobs?vmId=...).", now);
    }
}
