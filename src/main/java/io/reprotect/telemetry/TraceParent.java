package io.reprotect.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * W3C {@code traceparent} values, as stage messages and job records carry them: a job's trace crosses every
 * queue hop. Only the trace and span ids and the sampled flag travel; never anything the app was given.
 */
public final class TraceParent {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String HEADER = "traceparent";
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParent() {
    }

    /** The traceparent of {@code span}'s context, or null when it has none (telemetry off). */
    public static String of(Span span) {
        return of(span.getSpanContext());
    }

    public static String of(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The remote span context {@code traceparent} names; invalid when it is null or malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return SpanContext.getInvalid();
        }
        Context extracted = W3C.extract(Context.root(), Map.of(HEADER, traceparent), GETTER);
        return Span.fromContext(extracted).getSpanContext();
    }

    /**
     * The context to run in on behalf of a caller whose trace context is {@code traceparent} (the Functions
     * host's, for a message trigger): a job accepted in it joins the caller's trace. The current context when
     * there is none.
     */
    public static Context contextOf(String traceparent) {
        SpanContext parent = parse(traceparent);
        return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.current();
    }

    /**
     * The trace context a message of the job carries: the current span's when it belongs to the job's trace
     * (a stage sending its successor), else the job's own (a resend by the watchdog, a resume from a request).
     */
    public static String forMessageOf(String jobTraceParent) {
        SpanContext current = Span.current().getSpanContext();
        SpanContext job = parse(jobTraceParent);
        if (current.isValid() && (!job.isValid() || job.getTraceId().equals(current.getTraceId()))) {
            return of(current);
        }
        return job.isValid() ? jobTraceParent : null;
    }
}
