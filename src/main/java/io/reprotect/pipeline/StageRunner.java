package io.reprotect.pipeline;

import io.opentelemetry.context.Scope;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobOperations;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.Redaction;
import io.reprotect.job.Task;
import io.reprotect.job.TaskProgress;
import io.reprotect.job.Versioned;
import io.reprotect.telemetry.JobTelemetry;
import io.reprotect.telemetry.RedactedError;
import io.reprotect.telemetry.StageAttempt;
import io.reprotect.telemetry.StageResult;
import io.reprotect.telemetry.StageSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one stage message: load the job, run the stage once, save the job, send the next message.
 *
 * <p>Survives at-least-once delivery: a message whose step the job has passed changes nothing (it
 * only re-sends the message the job now waits for, which duplicate detection drops if it was
 * sent). The next message is written into the job (an outbox) before it is sent, so a crash
 * between saving and sending is healed by redelivery. Saves are conditional on the ETag; on a
 * conflict the job is read again and the decision made again, never overwritten.
 */
@ApplicationScoped
public class StageRunner {

    private static final Logger LOG = Logger.getLogger(StageRunner.class);
    /** Conflicting saves tolerated before the message is abandoned and redelivered. */
    private static final int MAX_SAVE_CONFLICTS = 5;

    private final JobStore store;
    private final StageQueue queue;
    private final Clock clock;
    private final JobTransitions transitions;
    private final JobTelemetry telemetry;
    private final java.time.Duration pollInterval;
    private final Map<String, StageHandler> handlers = new HashMap<>();
    private final List<TakeoverWait> takeoverWaits;

    @Inject
    public StageRunner(JobStore store, StageQueue queue, Clock clock, PipelineConfig config,
            Instance<StageHandler> stageHandlers, JobTelemetry telemetry, Instance<TakeoverWait> waits) {
        this(store, queue, clock, config, (Iterable<StageHandler>) stageHandlers, telemetry, waits.stream().toList());
    }

    /** Without telemetry. */
    public StageRunner(JobStore store, StageQueue queue, Clock clock, PipelineConfig config,
            Iterable<StageHandler> stageHandlers) {
        this(store, queue, clock, config, stageHandlers, JobTelemetry.disabled());
    }

    public StageRunner(JobStore store, StageQueue queue, Clock clock, PipelineConfig config,
            Iterable<StageHandler> stageHandlers, JobTelemetry telemetry) {
        this(store, queue, clock, config, stageHandlers, telemetry, List.of());
    }

    /** With {@code waits}: holders other than jobs that a job may take a VM over from. */
    public StageRunner(JobStore store, StageQueue queue, Clock clock, PipelineConfig config,
            Iterable<StageHandler> stageHandlers, JobTelemetry telemetry, List<TakeoverWait> waits) {
        this.takeoverWaits = List.copyOf(waits);
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.telemetry = telemetry;
        this.transitions = new JobTransitions(config);
        this.pollInterval = config.pollInterval();
        for (StageHandler handler : stageHandlers) {
            StageHandler other = handlers.put(handler.stage(), handler);
            if (other != null) {
                throw new IllegalStateException("two handlers for stage '" + handler.stage() + "': "
                        + other.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        List<String> missing = Workflows.stageNames().stream().filter(s -> !handlers.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("stages in io.reprotect.pipeline.Workflows without a StageHandler bean: "
                    + missing);
        }
    }

    /**
     * Handles one message body from a stage queue. Throws only for the queue to abandon the message. Each
     * attempt that runs its stage is a span in the job's trace (the message's trace context, else the job's).
     */
    public void run(String body) {
        StageMessage message = StageMessage.parse(body);
        Optional<Versioned<Job>> loaded = startIfCurrent(message);
        if (loaded.isEmpty()) {
            return;
        }
        Versioned<Job> started = loaded.get();
        Job job = started.value();
        String stage = message.stage();
        Task task = job.task(message.stage()).orElseThrow();
        StageAttempt attempt = new StageAttempt(job.id(), JobOperations.of(job), stage, task.attempts(),
                message.traceparent() != null ? message.traceparent() : job.traceParent());
        StageSpan span = telemetry.startStage(attempt);
        StageResult result = null;
        try (Scope current = span.makeCurrent()) {
            Instant startedAt = clock.instant();
            Attempted attempted = execute(stage,
                    new StageContext(job, task, startedAt, telemetry.meters(attempt.workflow())));
            result = attempted.result();
            finish(message, started, attempted.outcome());
        } catch (RuntimeException e) {
            result = new StageResult(StageResult.ABANDONED, null, RedactedError.of(e));
            throw e;
        } finally {
            telemetry.endStage(span, attempt, result);
        }
    }

    /** What a stage decided, and how its span tells it. */
    private record Attempted(Outcome outcome, StageResult result) {
    }

    private Optional<Versioned<Job>> startIfCurrent(StageMessage message) {
        for (int conflicts = 0; conflicts < MAX_SAVE_CONFLICTS; conflicts++) {
            Optional<Versioned<Job>> loaded = store.get(message.jobId());
            if (loaded.isEmpty()) {
                LOG.warnf("job %s not found; message %s ignored", message.jobId(), message.messageId());
                return Optional.empty();
            }
            Job job = loaded.get().value();
            if (!isCurrent(job, message)) {
                resendPendingIfAhead(job, message);
                return Optional.empty();
            }
            Instant now = clock.instant();
            Job changed = job.cancelRequested()
                    ? transitions.cancel(job, now)
                    : transitions.start(job, message.stage(), now);
            try {
                Versioned<Job> saved = store.update(changed, loaded.get().etag());
                if (changed.state().ended()) {
                    LOG.infof("job %s cancelled before stage %s", job.id(), message.stage());
                    return Optional.empty();
                }
                return Optional.of(saved);
            } catch (ConcurrentUpdateException e) {
                LOG.debugf("job %s changed while starting %s; deciding again", job.id(), message.stage());
            }
        }
        throw new ConcurrentUpdateException(message.jobId());
    }

    private Attempted execute(String stage, StageContext context) {
        StageHandler handler = handlers.get(stage);
        if (handler == null) {
            throw new IllegalStateException("no handler for stage " + stage);
        }
        Optional<String> before = context.get(JobSpec.AFTER_JOB).filter(this::holderRunning);
        if (before.isPresent()) { // took the VM over from a job that has not stopped yet: wait for it
            Outcome wait = Outcome.continueLater(context.task().checkpoint(), pollInterval, new TaskProgress(
                    0, 1, "jobs", 0, null, "Waiting for job " + before.get() + " to stop (it was asked to)"));
            return new Attempted(wait, StageResults.of(wait, null));
        }
        try {
            Outcome outcome = handler.execute(context);
            return new Attempted(outcome, StageResults.of(outcome, null));
        } catch (RuntimeException e) {
            Outcome outcome = ErrorClassifier.classify(e).orElseThrow(() -> e);
            if (outcome instanceof Outcome.RetryLater) {
                LOG.debugf("job %s stage %s attempt %d: transient failure: %s", context.job().id(),
                        stage, context.task().attempts(), Redaction.redact(e.getMessage()));
            }
            return new Attempted(outcome, StageResults.of(outcome, e));
        }
    }

    private void finish(StageMessage message, Versioned<Job> started, Outcome outcome) {
        Versioned<Job> current = started;
        for (int conflicts = 0; conflicts < MAX_SAVE_CONFLICTS; conflicts++) {
            Job job = current.value();
            if (!isCurrent(job, message)) {
                resendPendingIfAhead(job, message);
                return;
            }
            Job changed = transitions.apply(job, message.stage(), outcome, clock.instant());
            try {
                Versioned<Job> saved = store.update(changed, current.etag());
                log(saved.value(), message, outcome);
                Outbox.send(queue, saved.value());
                return;
            } catch (ConcurrentUpdateException e) {
                current = store.get(message.jobId()).orElseThrow(() -> e);
            }
        }
        throw new ConcurrentUpdateException(message.jobId());
    }

    /** True while the holder named by {@link JobSpec#AFTER_JOB} (a job, or a {@link TakeoverWait}'s) still works. */
    private boolean holderRunning(String holder) {
        for (TakeoverWait wait : takeoverWaits) {
            if (wait.owns(holder)) {
                return wait.running(holder);
            }
        }
        return store.get(holder).map(v -> !v.value().state().ended()).orElse(false);
    }

    /** True when the job waits for exactly this message and has not ended. */
    static boolean isCurrent(Job job, StageMessage message) {
        return !job.state().ended() && job.pending() != null
                && job.pending().sequence() == message.sequence()
                && job.pending().stage().equals(message.stage());
    }

    private void resendPendingIfAhead(Job job, StageMessage message) {
        if (!job.state().ended() && job.pending() != null && job.pending().sequence() > message.sequence()) {
            LOG.debugf("job %s: stale message %s; re-sending the pending one", job.id(), message.messageId());
            Outbox.send(queue, job);
        }
    }


    private static void log(Job job, StageMessage message, Outcome outcome) {
        Task task = job.task(message.stage()).orElseThrow();
        if (outcome instanceof Outcome.Fail || job.state() == JobState.Failed) {
            JobError error = task.errors().isEmpty() ? null : task.errors().get(task.errors().size() - 1);
            LOG.warnf("job %s stage %s attempt %d failed: %s", job.id(), message.stage(), task.attempts(),
                    error == null ? "" : error.code() + " " + error.message());
        } else {
            LOG.infof("job %s stage %s attempt %d: %s -> job %s", job.id(), message.stage(), task.attempts(),
                    outcome.getClass().getSimpleName(), job.state());
        }
    }
}
