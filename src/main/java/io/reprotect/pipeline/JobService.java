package io.reprotect.pipeline;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.reprotect.job.ConcurrentUpdateException;
import io.reprotect.job.Job;
import io.reprotect.job.JobAlreadyExistsException;
import io.reprotect.job.JobError;
import io.reprotect.job.JobIdReusedException;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.RequestFingerprint;
import io.reprotect.job.RequestedBy;
import io.reprotect.job.Task;
import io.reprotect.job.Versioned;
import io.reprotect.job.VmBusyException;
import io.reprotect.security.CurrentCaller;
import io.reprotect.telemetry.JobTelemetry;
import io.reprotect.telemetry.TraceParent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/** Accepts, cancels, resumes and fails jobs: everything that changes a job outside a stage. */
@ApplicationScoped
public class JobService {

    private static final Logger LOG = Logger.getLogger(JobService.class);
    private static final int MAX_CONFLICTS = 5;
    static final String QUEUE_UNAVAILABLE = "QueueUnavailable";

    private final JobStore store;
    private final StageQueue queue;
    private final Clock clock;
    private final JobTransitions transitions;
    private final JobTelemetry telemetry;
    private final List<ResumeCheck> resumeChecks;

    @Inject
    public JobService(JobStore store, StageQueue queue, Clock clock, PipelineConfig config, JobTelemetry telemetry,
            Instance<ResumeCheck> resumeChecks) {
        this(store, queue, clock, config, telemetry, resumeChecks.stream().toList());
    }

    public JobService(JobStore store, StageQueue queue, Clock clock, PipelineConfig config, JobTelemetry telemetry,
            List<ResumeCheck> resumeChecks) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.transitions = new JobTransitions(config);
        this.telemetry = telemetry;
        this.resumeChecks = List.copyOf(resumeChecks);
    }

    /** Without telemetry or resume checks (tests of the pipeline alone). */
    public JobService(JobStore store, StageQueue queue, Clock clock, PipelineConfig config) {
        this(store, queue, clock, config, JobTelemetry.disabled(), List.of());
    }

    /** The job with this id, if any. */
    public Optional<Job> find(String jobId) {
        return store.get(jobId).map(Versioned::value);
    }

    /**
     * Creates the job and queues its first stage.
     *
     * @return the new job, or the existing one with this id (its first message re-sent if needed)
     * @throws VmBusyException the VM has another job that has not ended
     * @throws JobIdReusedException a job with this id exists for a different request
     */
    public Job submit(JobSpec spec) {
        return create(spec, null);
    }

    /**
     * Creates a job that takes the VM over from {@code holder}, a job of lower rank on the same VM (the item's
     * replication cycle): a holder waiting for its turn or for a retry is cancelled at once; one running a
     * stage is asked to stop, and the new job's first stage waits until it has ended ({@link JobSpec#AFTER_JOB}).
     * Without a holder, as {@link #submit(JobSpec)}.
     */
    public Job submitTakingOver(JobSpec spec, Optional<String> holder) {
        if (holder.isEmpty()) {
            return submit(spec);
        }
        Optional<Job> held = cancelWaiting(holder.get());
        if (held.isEmpty() || held.get().state().ended()) {
            return submit(spec);
        }
        return submitSuccessor(spec.after(holder.get()), holder.get());
    }

    /**
     * Creates a job that takes the VM over from {@code predecessorJobId}, which holds it and is about
     * to end (a replication cycle scheduling the next one). Idempotent like {@link #submit(JobSpec)}.
     */
    public Job submitSuccessor(JobSpec spec, String predecessorJobId) {
        return create(spec, predecessorJobId);
    }

    /**
     * Creates the job inside its submission span, whose context becomes the job's trace: the first stage
     * message carries it, and so does every message after.
     */
    private Job create(JobSpec spec, String predecessorJobId) {
        Span span = telemetry.startSubmission(spec.jobId(), spec.workflow().name(), spec.vmId(), predecessorJobId);
        RequestedBy requester = CurrentCaller.requester();
        telemetry.recordRequester(span, requester);
        try (Scope current = span.makeCurrent()) {
            return createInTrace(spec, predecessorJobId, TraceParent.of(span), requester);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private Job createInTrace(JobSpec spec, String predecessorJobId, String traceParent, RequestedBy requester) {
        Instant now = clock.instant();
        Job job = newJob(spec, now).withTraceParent(traceParent).withRequestedBy(requester);
        Versioned<Job> created;
        try {
            created = predecessorJobId == null ? store.create(job) : store.createSuccessor(job, predecessorJobId);
        } catch (JobAlreadyExistsException e) {
            Job existing = store.get(spec.jobId()).orElseThrow(() -> e).value();
            if (spec.request() != null && (existing.request() == null
                    || !RequestFingerprint.of(existing.request()).equals(RequestFingerprint.of(spec.request())))) {
                throw new JobIdReusedException(spec.jobId(), existing.vmId());
            }
            if (failedToQueue(existing)) {
                return resume(spec.jobId()).orElse(existing); // the caller retried after the queue failed
            }
            Outbox.send(queue, existing);
            return existing;
        }
        LOG.infof("job %s (%s) accepted for VM %s%s", job.id(), job.workflow(), job.vmId(),
                requester == null ? "" : ", asked by " + requester.name() + " (" + requester.kind() + ")");
        sendOrFail(created.value());
        return created.value();
    }

    static Job newJob(JobSpec spec, Instant now) {
        List<Task> tasks = spec.workflow().stages().stream()
                .map(s -> Task.notStarted(s.name(), s.friendlyName())).toList();
        return new Job(spec.jobId(), spec.workflow().name(), spec.vmId(), spec.request(), JobState.NotStarted,
                tasks, false, null, 0, spec.inputs(), now, now)
                .withPending(spec.workflow().first().name(), spec.notBefore());
    }

    /**
     * Sends the job's pending message; if that fails, fails the job (never leave it waiting for a
     * message that was not sent: it would hold its VM forever) and throws.
     */
    private void sendOrFail(Job job) {
        try {
            Outbox.send(queue, job);
        } catch (RuntimeException sendFailed) {
            String stage = job.pending().stage();
            change(job.id(), j -> j.state().ended() ? j
                    : transitions.fail(j, stage, queueUnavailable(job.id(), sendFailed), clock.instant()));
            throw new QueueUnavailableException(job.id(), sendFailed);
        }
    }

    private static JobError queueUnavailable(String jobId, RuntimeException cause) {
        return new JobError(QUEUE_UNAVAILABLE, "The job could not be queued: " + cause.getMessage(),
                List.of("Service Bus was unreachable or refused the app's identity."),
                "Submit the same request again with the same Idempotency-Key, or POST /api/jobs/" + jobId
                        + "/resume once Service Bus is reachable.", null);
    }

    private static boolean failedToQueue(Job job) {
        return job.state() == JobState.Failed && job.tasks().stream().flatMap(t -> t.errors().stream())
                .anyMatch(e -> QUEUE_UNAVAILABLE.equals(e.code()));
    }

    /**
     * What {@link #submit(JobSpec)} would answer about the VM (or other job key) without submitting: busy when
     * another job holds it, except {@code takenOver}, a job the caller takes the VM over from
     * ({@link #submitTakingOver}). Reads only.
     *
     * @throws VmBusyException as {@link #submit(JobSpec)} would
     */
    public void requireVmFree(String vmId, String cancelledFirst) {
        Optional<String> holder = store.vmHolder(vmId);
        if (holder.isEmpty()) {
            return;
        }
        if (!holder.get().equals(cancelledFirst)) {
            throw new VmBusyException(vmId, holder.get());
        }
    }

    public Optional<Job> get(String jobId) {
        return store.get(jobId).map(Versioned::value);
    }

    /**
     * Asks the job to stop. The stage in flight finishes its current slice; then the job is Cancelled.
     *
     * @return the job after the request, empty if there is no such job
     */
    public Optional<Job> cancel(String jobId) {
        return change(jobId, job -> job.state().ended() ? job : job.withCancelRequested(true).touched(clock.instant()));
    }

    /**
     * Cancels the job at once when no stage of it runs now: none has started (a replication cycle waiting for
     * its scheduled message), or it waits for a message scheduled later (a retry after a failure, or the next
     * slice); its VM is free then. Otherwise asks it to stop like {@link #cancel}.
     */
    public Optional<Job> cancelWaiting(String jobId) {
        return change(jobId, job -> {
            if (job.state().ended()) {
                return job;
            }
            Instant now = clock.instant();
            boolean waitsForLater = job.pending() != null && job.pending().notBefore() != null
                    && job.pending().notBefore().isAfter(now);
            if (job.state() == JobState.NotStarted || waitsForLater) {
                return transitions.cancel(job.withCancelRequested(true), clock.instant());
            }
            return job.withCancelRequested(true).touched(clock.instant());
        });
    }

    /**
     * Restarts a Failed job from its failed stage, keeping completed work.
     *
     * @throws IllegalStateException the job has not failed
     * @throws VmBusyException another job took the VM meanwhile
     */
    public Optional<Job> resume(String jobId) {
        Optional<Versioned<Job>> loaded = store.get(jobId);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        if (loaded.get().value().state() != JobState.Failed) {
            throw new IllegalStateException("only a Failed job can be resumed; job " + jobId + " is "
                    + loaded.get().value().state());
        }
        resumeChecks.forEach(check -> check.beforeResume(loaded.get().value()));
        store.reclaimVm(loaded.get().value());
        Optional<Job> resumed = change(jobId, job -> job.state() == JobState.Failed
                ? transitions.resume(job, clock.instant()) : job);
        resumed.ifPresent(this::sendOrFail);
        return resumed;
    }

    /**
     * Fails the job whose stage message was dead-lettered, if the job still waited for that message; its
     * error keeps the dead-letter reason and the message itself.
     *
     * @return true if the job is now Failed because of this dead letter, false if it had moved on (or is gone)
     */
    public boolean failDeadLettered(StageMessage message, DeadLetter deadLetter) {
        JobError error = new JobError("StageMessageDeadLettered",
                "Stage '" + message.stage() + "' could not be processed: its message " + message.messageId()
                        + " was dead-lettered on " + deadLetter.queue() + " (" + deadLetter.cause()
                        + "). The message: " + deadLetter.quotedBody(),
                possibleCauses(deadLetter.reason()),
                "Read the app's logs for job " + message.jobId() + ", fix the cause, then POST /api/jobs/"
                        + message.jobId() + "/resume.",
                null);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        change(message.jobId(), job -> {
            failed.set(StageRunner.isCurrent(job, message)); // the last try (after conflicts) decides
            return failed.get() ? transitions.fail(job, message.stage(), error, clock.instant()) : job;
        });
        return failed.get();
    }

    private static List<String> possibleCauses(String reason) {
        return switch (reason) {
            case "TTLExpiredException" -> List.of("The message expired unread: the app did not run for the queue's "
                    + "message time-to-live.");
            case "MaxDeliveryCountExceeded" -> List.of("The stage failed unexpectedly on every delivery attempt.",
                    "The message was malformed or the job record unreadable.");
            default -> List.of("Something dead-lettered the message on purpose (reason " + reason + ").");
        };
    }

    private Optional<Job> change(String jobId, UnaryOperator<Job> change) {
        for (int conflicts = 0; conflicts < MAX_CONFLICTS; conflicts++) {
            Optional<Versioned<Job>> loaded = store.get(jobId);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            Job changed = change.apply(loaded.get().value());
            if (changed.equals(loaded.get().value())) {
                return Optional.of(changed);
            }
            try {
                return Optional.of(store.update(changed, loaded.get().etag()).value());
            } catch (ConcurrentUpdateException e) {
                LOG.debugf("job %s changed concurrently; trying again", jobId);
            }
        }
        throw new ConcurrentUpdateException(jobId);
    }

}
