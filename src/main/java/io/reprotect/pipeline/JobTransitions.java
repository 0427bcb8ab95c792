package io.reprotect.pipeline;

import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskProgress;
import io.reprotect.job.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The job state machine: pure functions from a job and an event to the next job. */
public final class JobTransitions {

    /** Doublings of the base delay past which the cap holds anyway (keeps the shift in range). */
    private static final int MAX_DOUBLINGS = 30;

    private final PipelineConfig config;
    private final ExponentialBackoff backoff;

    public JobTransitions(PipelineConfig config) {
        this.config = config;
        this.backoff = new ExponentialBackoff(new ExponentialBackoffOptions()
                .setMaxRetries(Math.max(1, config.maxRetriesPerStage()))
                .setBaseDelay(config.retryBaseDelay()).setMaxDelay(config.retryMaxDelay()));
    }

    Job start(Job job, String stage, Instant now) {
        return job.withTask(stage, t -> t.started(now, job.pending().sequence())).withState(JobState.InProgress).touched(now);
    }

    Job apply(Job job, String stage, Outcome outcome, Instant now) {
        Job next;
        if (outcome instanceof Outcome.Next n) {
            next = completeStage(job.withOutputs(n.outputs()), stage, n.skipped(), now);
        } else if (outcome instanceof Outcome.ContinueLater c) {
            next = job.withOutputs(c.outputs())
                    .withTask(stage, t -> t.withCheckpoint(c.checkpoint()).withProgress(c.progress()).withRetries(0))
                    .withPending(stage, now.plus(c.delay()));
        } else if (outcome instanceof Outcome.RetryLater r) {
            next = retry(job, stage, r, now);
        } else {
            next = fail(job, stage, ((Outcome.Fail) outcome).error(), now);
        }
        if (next.cancelRequested() && !next.state().ended()) {
            next = cancel(next, now);
        }
        return next.touched(now);
    }

    /** Ends the job as Cancelled; the task in flight, if any, is marked Cancelled. */
    Job cancel(Job job, Instant now) {
        Job cancelled = job;
        if (job.pending() != null) {
            cancelled = job.withTask(job.pending().stage(),
                    t -> t.state().done() ? t : t.ended(TaskState.Cancelled, now));
        }
        return cancelled.withState(JobState.Cancelled).withoutPending().touched(now);
    }

    /** Fails the job at {@code stage} with {@code error}. */
    public Job fail(Job job, String stage, JobError error, Instant now) {
        return job.withTask(stage, t -> t.withError(error.at(now)).ended(TaskState.Failed, now))
                .withState(JobState.Failed).withoutPending().touched(now);
    }

    /** Restarts a failed job at its failed stage, keeping completed tasks and checkpoints. */
    public Job resume(Job job, Instant now) {
        Task failed = job.tasks().stream().filter(t -> t.state() == TaskState.Failed).findFirst()
                .orElseGet(() -> job.tasks().stream().filter(t -> !t.state().done()).findFirst().orElseThrow());
        return job.withTask(failed.name(), Task::reset).withState(JobState.InProgress)
                .withCancelRequested(false).withPending(failed.name(), null).touched(now);
    }

    private Job completeStage(Job job, String stage, boolean skipped, Instant now) {
        // progress notes describe work in flight; the stage's outputs hold what it did
        Job done = job.withTask(stage, t -> t.withRetries(0).withProgress(null)
                .ended(skipped ? TaskState.Skipped : TaskState.Succeeded, now));
        Optional<Workflow.Step> next = Workflows.byName(job.workflow()).after(stage);
        return next.isPresent()
                ? done.withPending(next.get().name(), null)
                : done.withState(JobState.Succeeded).withoutPending();
    }

    private Job retry(Job job, String stage, Outcome.RetryLater retry, Instant now) {
        Task task = job.task(stage).orElseThrow();
        // Throttling is Azure pacing us, not failing: waiting it out (Retry-After, or a budget held in
        // reserve) does not use up the stage's retries, else a tight budget would fail healthy jobs.
        int retries = retry.throttled() ? Math.max(1, task.retries()) : task.retries() + 1;
        if (!retry.throttled() && retries > config.maxRetriesPerStage()) {
            return fail(job, stage, new JobError("RetriesExhausted",
                    "The stage failed " + retries + " times in a row; last failure: " + retry.reason(),
                    java.util.List.of("Azure is throttling or unavailable for longer than the retry policy allows."),
                    "Check Azure service health for the regions involved, then resume the job.", null), now);
        }
        Duration delay = retry.delay() != null ? max(retry.delay(), backoff(retries)) : backoff(retries);
        TaskProgress progress = task.progress();
        String note = (retry.throttled() ? "Throttled by Azure; retrying" : "Retry " + retries + " of "
                + config.maxRetriesPerStage()) + " in " + delay.toSeconds() + " s: " + retry.reason();
        TaskProgress withNote = progress == null
                ? new TaskProgress(0, 0, null, 0, null, note)
                : new TaskProgress(progress.done(), progress.total(), progress.unit(), progress.percent(),
                        progress.estimatedEnd(), note);
        return job.withTask(stage, t -> t.withRetries(retries).withProgress(withNote))
                .withPending(stage, now.plus(delay));
    }

    /**
     * Exponential backoff with jitter, azure-core's {@link ExponentialBackoff}: base x 2^(retries-1), the base
     * drawn anew each time within +-5 %, capped at the max delay; so jobs that failed together (an outage)
     * do not all come back in the same second.
     */
    Duration backoff(int retries) {
        return backoff.calculateRetryDelay(Math.min(Math.max(retries, 1) - 1, MAX_DOUBLINGS));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
