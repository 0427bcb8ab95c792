package io.reprotect.telemetry;

import static io.reprotect.telemetry.TelemetryAttributes.ATTEMPT;
import static io.reprotect.telemetry.TelemetryAttributes.ERROR_CODE;
import static io.reprotect.telemetry.TelemetryAttributes.ERROR_TYPE;
import static io.reprotect.telemetry.TelemetryAttributes.JOB_ID;
import static io.reprotect.telemetry.TelemetryAttributes.OUTCOME;
import static io.reprotect.telemetry.TelemetryAttributes.STAGE;
import static io.reprotect.telemetry.TelemetryAttributes.WORKFLOW;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.OperationListener;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry {@link Instrumenter} of stage attempts: it names and times the span (a consumer span: the
 * attempt handles a queue message), sets its attributes and status, and its operation listener records the
 * stage duration histogram and the failure counter from the instrumenter's own start and end times.
 */
final class StageInstrumenter {

    /** Histogram buckets in seconds: a stage call takes from milliseconds to a few minutes (one slice). */
    static final List<Double> DURATION_BUCKETS_SECONDS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            30.0, 60.0, 120.0, 300.0, 600.0);

    private StageInstrumenter() {
    }

    static Instrumenter<StageAttempt, StageResult> create(OpenTelemetry openTelemetry, Meter meter) {
        return Instrumenter.<StageAttempt, StageResult>builder(openTelemetry, JobTelemetry.SCOPE,
                        a -> "stage " + a.stage())
                .addAttributesExtractor(new Extractor())
                .setSpanStatusExtractor((status, attempt, result, error) -> {
                    if (result != null && (StageResult.FAILED.equals(result.outcome())
                            || StageResult.ABANDONED.equals(result.outcome()))) {
                        status.setStatus(StatusCode.ERROR);
                    }
                })
                .addOperationMetrics(m -> new Metrics(meter))
                .buildInstrumenter(SpanKindExtractor.alwaysConsumer());
    }

    private static final class Extractor implements AttributesExtractor<StageAttempt, StageResult> {
        @Override
        public void onStart(AttributesBuilder attributes, Context parent, StageAttempt attempt) {
            attributes.put(JOB_ID, attempt.jobId()).put(WORKFLOW, attempt.workflow()).put(STAGE, attempt.stage())
                    .put(ATTEMPT, (long) attempt.attempt());
        }

        @Override
        public void onEnd(AttributesBuilder attributes, Context context, StageAttempt attempt, StageResult result,
                Throwable error) {
            if (result == null) {
                return;
            }
            attributes.put(OUTCOME, result.outcome());
            if (result.errorCode() != null) {
                attributes.put(ERROR_CODE, result.errorCode());
            }
            if (result.error() != null) {
                attributes.put(ERROR_TYPE, result.error().originalType());
            }
        }
    }

    /** Records duration and failures when an attempt ends; times come from the instrumenter. */
    private static final class Metrics implements OperationListener {
        private static final ContextKey<Long> START_NANOS = ContextKey.named("reprotect-stage-start-nanos");
        private static final ContextKey<Attributes> START_ATTRIBUTES = ContextKey.named("reprotect-stage-start");

        private final DoubleHistogram duration;
        private final LongCounter failures;

        Metrics(Meter meter) {
            this.duration = meter.histogramBuilder(JobTelemetry.STAGE_DURATION).setUnit("s")
                    .setDescription("Duration of stage attempts, by workflow, stage and outcome")
                    .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS_SECONDS).build();
            this.failures = meter.counterBuilder(JobTelemetry.STAGE_FAILURES)
                    .setDescription("Stage attempts that failed: retried later, failed the job, or abandoned")
                    .build();
        }

        @Override
        public Context onStart(Context context, Attributes startAttributes, long startNanos) {
            return context.with(START_NANOS, startNanos).with(START_ATTRIBUTES, startAttributes);
        }

        @Override
        public void onEnd(Context context, Attributes endAttributes, long endNanos) {
            Long start = context.get(START_NANOS);
            Attributes startAttributes = context.get(START_ATTRIBUTES);
            if (start == null || startAttributes == null) {
                return;
            }
            Attributes attributes = metricAttributes(startAttributes, endAttributes);
            duration.record((endNanos - start) / (double) TimeUnit.SECONDS.toNanos(1), attributes, context);
            if (isFailure(endAttributes)) {
                failures.add(1, attributes, context);
            }
        }
    }

    private static Attributes metricAttributes(Attributes start, Attributes end) {
        var builder = Attributes.builder().put(WORKFLOW, start.get(WORKFLOW)).put(STAGE, start.get(STAGE))
                .put(OUTCOME, end.get(OUTCOME));
        if (end.get(ERROR_CODE) != null) {
            builder.put(ERROR_CODE, end.get(ERROR_CODE));
        }
        if (end.get(ERROR_TYPE) != null) {
            builder.put(ERROR_TYPE, end.get(ERROR_TYPE));
        }
        return builder.build();
    }

    private static boolean isFailure(Attributes end) {
        String outcome = end.get(OUTCOME);
        return StageResult.RETRY.equals(outcome) || StageResult.FAILED.equals(outcome)
                || StageResult.ABANDONED.equals(outcome);
    }
}
