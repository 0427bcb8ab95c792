package io.reprotect.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.ManagedIdentityCredential;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What reaches Application Insights: with a connection string set, the app's own SDK sends a job's stage spans
 * as requests (their attributes as custom dimensions), a stage's error as an exception, and the RPO gauge as a
 * custom metric, to the ingestion endpoint the connection string names; docs/operations.md's Kusto queries read exactly
 * these fields. The endpoint here is a loopback stand-in of Application Insights' ingestion.
 */
@QuarkusTest
@TestProfile(AzureMonitorExportTest.ExportOn.class)
class AzureMonitorExportTest {

    /** The SDK on, as in Azure, with the connection string pointing at the stand-in; no Entra credential. */
    public static class ExportOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "100ms",
                    "quarkus.otel.metric.export.interval", "500ms",
                    InMemoryTelemetry.IN_MEMORY_METRICS, "false",
                    AzureMonitorExport.CONNECTION_STRING, IngestionStandIn.connectionString());
        }
    }

    @Inject
    JobTelemetry telemetry;


    @Test
    void aFailedStageIsARequestWithItsJobStageAndErrorAndTheRpoIsACustomMetric() throws Exception {
        String jobId = UUID.randomUUID().toString();
        String itemId = "pi-" + jobId.substring(0, 8);
        Span submission = telemetry.startSubmission(jobId, "reprotect", "/subscriptions/s/vm1", null);
        submission.end();
        StageAttempt attempt = new StageAttempt(jobId, "reprotect", "CopySeedBlob", 2, TraceParent.of(submission));
        StageSpan span = telemetry.startStage(attempt);
        RedactedError error = RedactedError.of(new IllegalStateException(
                "copy of https://acct.blob.core.windows.net/c/d.vhd?sv=2024&sig=SECRETSIG failed: 403"));
        telemetry.endStage(span, attempt, new StageResult(StageResult.FAILED, "SeedCopyFailed", error));
        telemetry.meters("replication").recoveryPointObjective(itemId, "/subscriptions/s/vm1", 420);

        JsonNode request = await(item -> "RequestData".equals(baseType(item))
                && jobId.equals(properties(item).path("reprotect.job.id").asText()));
        JsonNode data = request.path("data").path("baseData");
        assertThat(data.path("name").asText()).isEqualTo("stage CopySeedBlob");
        assertThat(data.path("success").asBoolean(true)).as("a failed stage is a failed request").isFalse();
        assertThat(properties(request).path("reprotect.stage").asText()).isEqualTo("CopySeedBlob");
        assertThat(properties(request).path("reprotect.workflow").asText()).isEqualTo("reprotect");
        assertThat(properties(request).path("reprotect.attempt").asText()).isEqualTo("2");
        assertThat(properties(request).path("reprotect.outcome").asText()).isEqualTo("failed");
        assertThat(properties(request).path("reprotect.error.code").asText()).isEqualTo("SeedCopyFailed");
        String operationId = request.path("tags").path("ai.operation.id").asText();
        assertThat(operationId).as("the request is in the job's trace").isEqualTo(submission.getSpanContext().getTraceId());

        JsonNode exception = await(item -> "ExceptionData".equals(baseType(item))
                && operationId.equals(item.path("tags").path("ai.operation.id").asText()));
        assertThat(exception.path("tags").path("ai.operation.parentId").asText())
                .as("the exception belongs to the stage's request").isEqualTo(data.path("id").asText());
        String message = exception.path("data").path("baseData").path("exceptions").get(0).path("message").asText();
        assertThat(message).contains("failed: 403").doesNotContain("SECRETSIG");
        assertThat(exception.path("data").path("baseData").path("exceptions").get(0).path("typeName").asText())
                .as("the class the stage threw").isEqualTo(IllegalStateException.class.getName());

        JsonNode rpo = await(item -> "MetricData".equals(baseType(item))
                && itemId.equals(properties(item).path("reprotect.protected_item.id").asText()));
        JsonNode metric = rpo.path("data").path("baseData").path("metrics").get(0);
        assertThat(metric.path("name").asText()).isEqualTo(JobTelemetry.RPO);
        assertThat(metric.path("value").asDouble()).isEqualTo(420.0);
        assertThat(properties(rpo).path("reprotect.vm.id").asText()).isEqualTo("/subscriptions/s/vm1");

        assertThat(IngestionStandIn.items()).allSatisfy(item -> assertThat(item.path("iKey").asText())
                .isEqualTo(IngestionStandIn.INSTRUMENTATION_KEY));
        assertThat(IngestionStandIn.authorizations()).as("no credential configured: no token sent").containsOnly("");
    }

    @Test
    void theAuthenticationStringOfTheFunctionsHostSelectsTheManagedIdentity() {
        assertThat(AzureMonitorExport.credential(null)).isEmpty();
        Optional<?> user = AzureMonitorExport.credential("Authorization=AAD;ClientId=1b2c3d4e-0000-4000-8000-000000000009");
        assertThat(user).get().isInstanceOf(ManagedIdentityCredential.class);
        assertThat(((ManagedIdentityCredential) user.get()).getClientId())
                .isEqualTo("1b2c3d4e-0000-4000-8000-000000000009");
        Optional<?> system = AzureMonitorExport.credential("Authorization=AAD");
        assertThat(((ManagedIdentityCredential) system.get()).getClientId()).as("system-assigned").isNull();
        assertThatThrownBy(() -> AzureMonitorExport.credential("ClientId=abc"))
                .hasMessageContaining("Authorization=AAD");
    }

    private static String baseType(JsonNode item) {
        return item.path("data").path("baseType").asText();
    }

    private static JsonNode properties(JsonNode item) {
        return item.path("data").path("baseData").path("properties");
    }

    /** The first item received that matches; the exporter sends in the background. */
    private static JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<JsonNode> found = IngestionStandIn.items().stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        List<String> seen = IngestionStandIn.items().stream().map(i -> baseType(i) + " " + properties(i)).toList();
        throw new AssertionError("not received within 30 s; received: " + seen);
    }
}
