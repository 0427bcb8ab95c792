package io.reprotect.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The span of a stage attempt in flight.
 *
 * @param context the context holding the span (the parent's alone when no span was started)
 * @param started whether a span was started, so must be ended
 */
public record StageSpan(Context context, boolean started) {

    /** Makes the attempt's span current on this thread until the scope closes. */
    public Scope makeCurrent() {
        return context.makeCurrent();
    }
}
