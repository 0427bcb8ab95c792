package io.reprotect.telemetry;

import static io.reprotect.telemetry.TelemetryAttributes.JOB_ID;
import static io.reprotect.telemetry.TelemetryAttributes.PREDECESSOR_JOB_ID;
import static io.reprotect.telemetry.TelemetryAttributes.PROTECTED_ITEM;
import static io.reprotect.telemetry.TelemetryAttributes.TRANSFER_KIND;
import static io.reprotect.telemetry.TelemetryAttributes.VM_ID;
import static io.reprotect.telemetry.TelemetryAttributes.WORKFLOW;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.reprotect.job.RequestedBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Traces and metrics of jobs: a span for each submission, a span for each stage attempt (continuing the trace
 * the stage message carries), the stage duration histogram and the failure, bytes-moved and RPO instruments.
 *
 * <p>Telemetry never fails or slows a stage: every method swallows what the OpenTelemetry SDK throws, spans are
 * exported in the background by the SDK's batch processor, and with the SDK off every call is a no-op.
 */
@ApplicationScoped
public class JobTelemetry {

    /** Instrumentation scope of every span and instrument of the app. */
    public static final String SCOPE = "io.reprotect";
    public static final String STAGE_DURATION = "reprotect.stage.duration";
    public static final String STAGE_FAILURES = "reprotect.stage.failures";
    public static final String BYTES_MOVED = "reprotect.bytes.moved";
    public static final String RPO = "reprotect.protected_item.rpo";

    private static final Logger LOG = Logger.getLogger(JobTelemetry.class);
    /** OpenTelemetry's semantic-convention key of an exception event's class. */
    private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    private final Tracer tracer;
    private final Instrumenter<StageAttempt, StageResult> stages;
    private final LongCounter bytesMoved;
    private final LongGauge rpo;

    @Inject
    public JobTelemetry(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(SCOPE);
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.stages = StageInstrumenter.create(openTelemetry, meter);
        this.bytesMoved = meter.counterBuilder(BYTES_MOVED).setUnit("By")
                .setDescription("Bytes copied or written to replicas and seeds, by kind (seed, resync, replication)")
                .build();
        this.rpo = meter.gaugeBuilder(RPO).ofLongs().setUnit("s")
                .setDescription("Recovery point objective of a protected item: age of its newest recovery point, "
                        + "as its last replication cycle saw it")
                .build();
    }

    /** Telemetry off: what tests and tools that wire the pipeline by hand use. */
    public static JobTelemetry disabled() {
        return new JobTelemetry(OpenTelemetry.noop());
    }

    /**
     * Starts the span that accepts a job; its context becomes the job's trace. A successor (a replication cycle
     * scheduled by the previous one) starts a trace of its own, linked to the span that scheduled it.
     */
    public Span startSubmission(String jobId, String workflow, String vmId, String predecessorJobId) {
        try {
            SpanBuilder builder = tracer.spanBuilder("submit " + workflow).setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(JOB_ID, jobId).setAttribute(WORKFLOW, workflow).setAttribute(VM_ID, vmId);
            if (predecessorJobId != null) {
                SpanContext scheduler = Span.current().getSpanContext();
                builder.setNoParent().setAttribute(PREDECESSOR_JOB_ID, predecessorJobId);
                if (scheduler.isValid()) {
                    builder.addLink(scheduler);
                }
            }
            return builder.startSpan();
        } catch (RuntimeException e) {
            LOG.debugf(e, "telemetry: submission span of job %s not started", jobId);
            return Span.getInvalid();
        }
    }

    /**
     * Records who asked for the job on its submission span (OpenTelemetry's {@code enduser.id}, plus the name, kind,
     * client address and user agent); nothing for a job the engine started itself.
     */
    public void recordRequester(Span span, RequestedBy requester) {
        if (requester == null) {
            return;
        }
        try {
            span.setAttribute("enduser.id", requester.id());
            span.setAttribute("reprotect.requested_by.name", requester.name());
            span.setAttribute("reprotect.requested_by.kind", requester.kind().name());
            if (requester.clientIp() != null) {
                span.setAttribute("client.address", requester.clientIp());
            }
            if (requester.userAgent() != null) {
                span.setAttribute("user_agent.original", requester.userAgent());
            }
            if (requester.approvedBy() != null) {
                span.setAttribute("reprotect.approved_by.id", requester.approvedBy().id());
                span.setAttribute("reprotect.approved_by.name", requester.approvedBy().name());
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "telemetry: requester not recorded");
        }
    }

    /**
     * Starts the span of one stage attempt, a child of the span named by the attempt's parent traceparent.
     *
     * @return the span, to make current while the attempt runs and to pass to {@link #endStage}
     */
    public StageSpan startStage(StageAttempt attempt) {
        try {
            SpanContext parent = TraceParent.parse(attempt.parent());
            Context parentContext = parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
            return stages.shouldStart(parentContext, attempt)
                    ? new StageSpan(stages.start(parentContext, attempt), true)
                    : new StageSpan(parentContext, false);
        } catch (RuntimeException e) {
            LOG.debugf(e, "telemetry: span of job %s stage %s not started", attempt.jobId(), attempt.stage());
            return new StageSpan(Context.root(), false);
        }
    }

    /** Ends the attempt's span with its outcome and records its duration (and failure). */
    public void endStage(StageSpan span, StageAttempt attempt, StageResult result) {
        try {
            if (span.started()) {
                RedactedError error = result.error();
                if (error != null) {
                    // recorded here rather than by the instrumenter: the event names the class the stage threw,
                    // which Application Insights shows as the exception's type
                    Span.fromContext(span.context()).recordException(error,
                            Attributes.of(EXCEPTION_TYPE, error.originalType()));
                }
                stages.end(span.context(), attempt, result, null);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "telemetry: span of job %s stage %s not ended", attempt.jobId(), attempt.stage());
        }
    }

    /** The meters a stage of {@code workflow} records into. */
    public JobMeters meters(String workflow) {
        return new JobMeters() {
            @Override
            public void bytesMoved(String kind, long bytes) {
                if (bytes <= 0) {
                    return;
                }
                try {
                    bytesMoved.add(bytes, Attributes.of(TRANSFER_KIND, kind, WORKFLOW, workflow));
                } catch (RuntimeException e) {
                    LOG.debugf(e, "telemetry: bytes moved not recorded");
                }
            }

            @Override
            public void recoveryPointObjective(String protectedItemId, String vmId, long seconds) {
                try {
                    rpo.set(seconds, vmId == null ? Attributes.of(PROTECTED_ITEM, protectedItemId)
                            : Attributes.of(PROTECTED_ITEM, protectedItemId, VM_ID, vmId));
                } catch (RuntimeException e) {
                    LOG.debugf(e, "telemetry: RPO not recorded");
                }
            }
        };
    }
}
