package io.reprotect.telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Exporters that keep spans and metrics in memory, as quarkus-opentelemetry picks exporter beans up. They only
 * receive anything in tests that switch the SDK on ({@link TelemetryOnProfile}); elsewhere the SDK is off.
 */
@ApplicationScoped
public class InMemoryTelemetry {

    /** Set by {@link TelemetryOnProfile}: adds an exporter that throws on every export. */
    static final String FAILING_EXPORTER = "reprotect.test.failing-span-exporter";
    /**
     * False: no in-memory metric exporter, so the one the SDK configures itself (Azure Monitor's) is used; a
     * metric exporter bean takes the place of the SDK's own metric reader in quarkus-opentelemetry.
     */
    static final String IN_MEMORY_METRICS = "reprotect.test.in-memory-metrics";

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    @Produces
    @Singleton
    @LookupIfProperty(name = IN_MEMORY_METRICS, stringValue = "true", lookupIfMissing = true)
    InMemoryMetricExporter metrics() {
        return InMemoryMetricExporter.create();
    }

    @Produces
    @Singleton
    @LookupIfProperty(name = FAILING_EXPORTER, stringValue = "true")
    SpanExporter failing() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                throw new IllegalStateException("the telemetry backend is down");
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
