package io.reprotect.telemetry;

import static io.reprotect.telemetry.TelemetryAttributes.JOB_ID;
import static io.reprotect.telemetry.TelemetryAttributes.STAGE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.LocalArmLifecycle;
import io.reprotect.local.queue.LocalFunctionHost;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged wiring: with the SDK switched on by configuration, quarkus-opentelemetry exports the spans of a job
 * posted over HTTP, from the request through every stage, and its metrics, to the exporter beans; an exporter that
 * throws on every export does not fail the job.
 */
@QuarkusTest
@TestProfile(TelemetryOnProfile.class)
class TelemetryWiringTest {

    @Inject
    LocalFunctionHost host;
    @Inject
    InMemorySpanExporter spans;
    @Inject
    InMemoryMetricExporter metrics;
    @Inject
    LocalArmLifecycle arm;

    @Test
    void aJobPostedOverHttpIsOneTraceFromTheRequestThroughEveryStageDespiteAFailingExporter() throws Exception {
        String body = "{\"vmId\": \"" + failedOverVm() + "\", \"failoverDirection\": \"RecoveryToPrimary\", "
                + "\"primaryRegion\": \"" + ArmStandIn.PRIMARY_REGION + "\"}";
        String id = given().contentType("application/json").body(body).post("/reprotect")
                .then().statusCode(202).extract().path("id");
        host.runUntil(() -> "Succeeded".equals(state(id)) || "Failed".equals(state(id)), 2000, Duration.ofMillis(50));
        assertThat(state(id)).as("an exporter that throws changes nothing for the job").isEqualTo("Succeeded");
        List<String> stages = given().get("/jobs/" + id).then().extract().jsonPath().getList("tasks.name");

        List<SpanData> ofJob = await(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> id.equals(s.getAttributes().get(JOB_ID))).toList(),
                found -> found.stream().map(s -> s.getAttributes().get(STAGE)).collect(Collectors.toSet())
                        .containsAll(stages));
        Set<String> traceIds = ofJob.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
        assertThat(traceIds).as("one trace for the job").hasSize(1);
        String traceId = traceIds.iterator().next();
        SpanData submission = ofJob.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst().orElseThrow();
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(submission.getParentSpanId())).findFirst().orElseThrow();
        assertThat(request.getKind()).as("the submission is part of the HTTP request's trace").isEqualTo(SpanKind.SERVER);
        assertThat(request.getTraceId()).isEqualTo(traceId);

        List<MetricData> exported = await(metrics::getFinishedMetricItems, found -> found.stream()
                .map(MetricData::getName).collect(Collectors.toSet())
                .containsAll(List.of(JobTelemetry.STAGE_DURATION, JobTelemetry.BYTES_MOVED)));
        assertThat(exported).extracting(MetricData::getName).contains(JobTelemetry.STAGE_DURATION,
                JobTelemetry.BYTES_MOVED);
    }

    @Test
    void theJobsTraceSaysWhoAskedWithoutTheKey() throws Exception {
        String vm = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg-asr/providers/"
                + "Microsoft.Compute/virtualMachines/tr" + UUID.randomUUID().toString().substring(0, 6);
        String id = given().header("x-functions-key", "the-key-itself").header("User-Agent", "trace-test/1.0")
                .header("X-Forwarded-For", "198.51.100.23:4711").contentType("application/json")
                .body("{\"vmId\": \"" + vm + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \""
                        + ArmStandIn.PRIMARY_REGION + "\"}")
                .post("/reprotect").then().statusCode(202).extract().path("id");
        SpanData submission = await(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> id.equals(s.getAttributes().get(JOB_ID)) && s.getKind() == SpanKind.PRODUCER).toList(),
                found -> !found.isEmpty()).get(0);
        var attributes = submission.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), e -> String.valueOf(e.getValue())));
        assertThat(attributes).containsEntry("enduser.id", "function key")
                .containsEntry("reprotect.requested_by.kind", "FunctionKey")
                .containsEntry("client.address", "198.51.100.23")
                .containsEntry("user_agent.original", "trace-test/1.0");
        assertThat(attributes.values()).noneMatch(v -> v.contains("the-key-itself"));
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(submission.getParentSpanId())).findFirst().orElseThrow();
        assertThat(request.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("enduser.role")).map(e -> String.valueOf(e.getValue())))
                .containsExactly("Administrator");
    }

    /** A VM of its own that failed over to the secondary region, with its old primary still there. */
    private String failedOverVm() {
        ArmStandIn s = arm.standIn();
        String sub = s.subscriptionId();
        String name = "tr" + UUID.randomUUID().toString().substring(0, 6);
        String rg = name + "-rg";
        String asr = name + "-rg-asr";
        s.createResourceGroup(sub, rg, ArmStandIn.PRIMARY_REGION, Map.of());
        s.createResourceGroup(sub, asr, ArmStandIn.SECONDARY_REGION, Map.of());
        String os = s.createDisk(sub, rg, name + "-os", ArmStandIn.PRIMARY_REGION, 1, "Premium_LRS");
        String oldVm = s.createVm(sub, rg, name, ArmStandIn.PRIMARY_REGION, os, List.of(), null, Map.of(), "deallocated");
        String sourceOs = s.createDisk(sub, asr, name + "-os-asr", ArmStandIn.SECONDARY_REGION, 1, "Premium_LRS");
        String sourceId = "/subscriptions/" + sub + "/resourceGroups/" + asr
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
        return s.createVm(sub, asr, name, ArmStandIn.SECONDARY_REGION, sourceOs, List.of(), null, Map.of(
                FailoverRecord.TAG_SOURCE_VM, oldVm, FailoverRecord.TAG_SOURCE_RG, rg,
                FailoverRecord.TAG_SOURCE_REGION, ArmStandIn.PRIMARY_REGION,
                FailoverRecord.TAG_STATE, FailoverRecord.COMMITTED, FailoverRecord.TAG_RECOVERY_VM, sourceId),
                "running");
    }

    private static String state(String id) {
        return given().get("/jobs/" + id).then().extract().path("state");
    }

    /** What {@code read} returns once {@code done} holds; exporting runs in the background, every 0.1-0.2 s. */
    private static <T> T await(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        T value = read.get();
        for (int i = 0; i < 300 && !done.test(value); i++) {
            Thread.sleep(100);
            value = read.get();
        }
        assertThat(done.test(value)).as("exported within 30 s: " + value).isTrue();
        return value;
    }
}
