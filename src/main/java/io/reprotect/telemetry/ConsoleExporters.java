package io.reprotect.telemetry;

import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Spans and metrics written to the app's log, for local runs: on when {@value #PROPERTY} is true (it is in dev
 * mode) and the OpenTelemetry SDK runs ({@code quarkus.otel.sdk.disabled=false}). quarkus-opentelemetry picks up
 * exporter beans itself; these are looked up only when the property is true, so they never stand beside the OTLP
 * exporter in Azure.
 */
@ApplicationScoped
public class ConsoleExporters {

    public static final String PROPERTY = "reprotect.telemetry.console";

    @Produces
    @Singleton
    @LookupIfProperty(name = PROPERTY, stringValue = "true")
    SpanExporter consoleSpans() {
        return LoggingSpanExporter.create();
    }

    @Produces
    @Singleton
    @LookupIfProperty(name = PROPERTY, stringValue = "true")
    MetricExporter consoleMetrics() {
        return LoggingMetricExporter.create();
    }
}
