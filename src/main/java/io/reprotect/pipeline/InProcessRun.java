package io.reprotect.pipeline;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobOperations;
import io.reprotect.job.Task;
import io.reprotect.telemetry.JobTelemetry;
import io.reprotect.telemetry.StageAttempt;
import io.reprotect.telemetry.StageResult;
import io.reprotect.telemetry.StageSpan;
import io.reprotect.telemetry.TraceParent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A job run in-process, held in memory instead of the job store: the same state machine as the {@link StageRunner}
 * ({@link JobTransitions}), the same error classification and the same spans (the job's trace, one span per stage
 * attempt), without a message or a write per stage. The replication fleet runs each item's cycle this way, many
 * items per queue message, and stores the job once when the cycle ends.
 */
public final class InProcessRun {

    private final JobTransitions transitions;
    private final JobTelemetry telemetry;
    private final Clock clock;

    public InProcessRun(PipelineConfig config, JobTelemetry telemetry, Clock clock) {
        this.transitions = new JobTransitions(config);
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** The job as {@link JobService#submit} would create it, in a trace of its own, waiting for its first stage. */
    public Job newJob(JobSpec spec) {
        Span span = telemetry.startSubmission(spec.jobId(), spec.workflow().name(), spec.vmId(), null);
        try {
            return JobService.newJob(spec, clock.instant()).withTraceParent(TraceParent.of(span));
        } finally {
            span.end();
        }
    }

    /**
     * Runs the pending stage once with {@code handler} and applies what it decided, as the runner does: next stage,
     * later (its pending message then has a time), retry with backoff, or failure (a failure the classifier does not
     * know fails the job, naming the stage). Never throws for what the stage throws.
     */
    public Job runPending(Job job, StageHandler handler) {
        String stage = job.pending().stage();
        Instant now = clock.instant();
        Job started = transitions.start(job, stage, now);
        Task task = started.task(stage).orElseThrow();
        StageAttempt attempt = new StageAttempt(job.id(), JobOperations.of(job), stage, task.attempts(),
                job.traceParent());
        StageSpan span = telemetry.startStage(attempt);
        StageResult result = null;
        Outcome outcome;
        try (Scope current = span.makeCurrent()) {
            try {
                outcome = handler.execute(new StageContext(started, task, now, telemetry.meters(attempt.workflow())));
                result = StageResults.of(outcome, null);
            } catch (RuntimeException e) {
                outcome = ErrorClassifier.classify(e).orElseGet(() -> unexpected(stage, e));
                result = StageResults.of(outcome, e);
            }
        } finally {
            telemetry.endStage(span, attempt, result);
        }
        return transitions.apply(started, stage, outcome, clock.instant());
    }

    /** The pending stage, run outside the state machine (a last stage run after a failure): its outcome only. */
    public Outcome runAside(Job job, StageHandler handler) {
        Task task = job.task(handler.stage()).orElseThrow();
        return handler.execute(new StageContext(job, task, clock.instant(), telemetry.meters(job.workflow())));
    }

    /** Ends the job as Cancelled (its lifecycle moved on). */
    public Job cancel(Job job) {
        return transitions.cancel(job, clock.instant());
    }

    private static Outcome unexpected(String stage, RuntimeException e) {
        return Outcome.fail(new JobError("StageFailed", "Stage " + stage + " failed: " + e.getMessage(),
                List.of("An unexpected error in the stage."),
                "Read the message and the app's logs for this job; the stage is idempotent and may run again.", null));
    }
}
