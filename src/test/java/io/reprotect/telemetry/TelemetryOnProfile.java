package io.reprotect.telemetry;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The app with the OpenTelemetry SDK on, exporting to memory often, and one exporter that always throws. */
public class TelemetryOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                "quarkus.otel.metric.export.interval", "200ms",
                InMemoryTelemetry.FAILING_EXPORTER, "true");
    }
}
