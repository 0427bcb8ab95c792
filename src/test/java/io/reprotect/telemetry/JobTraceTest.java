package io.reprotect.telemetry;

import static io.reprotect.telemetry.TelemetryAttributes.ATTEMPT;
import static io.reprotect.telemetry.TelemetryAttributes.ERROR_CODE;
import static io.reprotect.telemetry.TelemetryAttributes.JOB_ID;
import static io.reprotect.telemetry.TelemetryAttributes.OUTCOME;
import static io.reprotect.telemetry.TelemetryAttributes.STAGE;
import static io.reprotect.telemetry.TelemetryAttributes.TRANSFER_KIND;
import static io.reprotect.telemetry.TelemetryAttributes.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.reprotect.DemoJobProgressTest;
import io.reprotect.reprotect.PrepareTarget;
import io.reprotect.reprotect.ResyncDisks;
import io.reprotect.testkit.ReprotectFixture;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo reprotect job on the real stages, traced and measured by an OpenTelemetry SDK that keeps what it
 * records in memory: one trace across every queue hop, a span per stage attempt, and the stage metrics.
 */
class JobTraceTest {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk;
    ReprotectFixture f;

    @BeforeEach
    void start() {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        f = new ReprotectFixture(new JobTelemetry(sdk));
    }

    @AfterEach
    void stop() {
        f.close();
        sdk.close();
    }

    @Test
    void everyStageOfTheDemoReprotectJobIsASpanInTheTraceItsSubmissionStarted() {
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);

        SpanData submission = only(spansOf(job.id()).stream().filter(s -> s.getKind() == SpanKind.PRODUCER).toList());
        assertThat(submission.getName()).isEqualTo("submit reprotect");
        String traceId = submission.getTraceId();
        assertThat(TraceParent.parse(job.traceParent()).getTraceId()).as("the job record names its trace")
                .isEqualTo(traceId);

        List<SpanData> stages = stageSpans(job.id());
        assertThat(stages).as("every stage span of the job").allSatisfy(s -> {
            assertThat(s.getTraceId()).as(s.getName()).isEqualTo(traceId);
            assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(s.getAttributes().get(WORKFLOW)).isEqualTo("reprotect");
        });
        Set<String> spanIds = spansOf(job.id()).stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        assertThat(stages).as("each stage continues the span that sent its message: no hop starts afresh")
                .allSatisfy(s -> assertThat(spanIds).contains(s.getParentSpanId()));
        assertThat(stages.get(0).getParentSpanId()).as("the first stage follows the submission")
                .isEqualTo(submission.getSpanId());

        for (Task task : job.tasks()) {
            List<SpanData> ofTask = stages.stream().filter(s -> task.name().equals(s.getAttributes().get(STAGE)))
                    .toList();
            assertThat(ofTask).as(task.name() + ": one span per call").isNotEmpty();
            assertThat(ofTask).as(task.name() + ": no retry, so every call is attempt 1")
                    .allMatch(s -> s.getAttributes().get(ATTEMPT) == 1L);
            List<String> outcomes = ofTask.stream().map(s -> s.getAttributes().get(OUTCOME)).toList();
            assertThat(outcomes.get(outcomes.size() - 1)).as(task.name()).isIn("completed", "skipped");
            assertThat(outcomes.subList(0, outcomes.size() - 1)).as(task.name() + ": slices before the end")
                    .allMatch("continued"::equals);
        }
        assertThat(stages.stream().filter(s -> "resync".equals(s.getAttributes().get(STAGE))).count())
                .as("the resync runs in slices, a span each").isGreaterThan(1);
        assertNoSecretIn(spans.getFinishedSpanItems());
    }

    @Test
    void theFirstReplicationCycleStartsItsOwnTraceWithASpanPerStage() {
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        ProtectedItem item = f.items.findByVm(f.demo.sourceVmId()).orElseThrow();
        Job cycle = f.runToEnd(item.cycle().nextCycleJobId());
        assertThat(cycle.state()).as(ReprotectFixture.describe(cycle)).isEqualTo(JobState.Succeeded);

        SpanData submission = only(spansOf(cycle.id()).stream().filter(s -> s.getKind() == SpanKind.PRODUCER)
                .toList());
        String reprotectTrace = TraceParent.parse(job.traceParent()).getTraceId();
        assertThat(submission.getTraceId()).as("a cycle is a job of its own: its own trace")
                .isNotEqualTo(reprotectTrace);
        assertThat(stageSpans(cycle.id())).as("the fleet runs it in-process: a span per stage all the same")
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(submission.getTraceId()));

        LongPointData rpo = only(longPoints(metric(JobTelemetry.RPO)));
        assertThat(rpo.getAttributes().get(AttributeKey.stringKey("reprotect.protected_item.id")))
                .isEqualTo(item.id());
        assertThat(rpo.getAttributes().get(AttributeKey.stringKey("reprotect.vm.id")))
                .as("the RPO names the VM, so a query can answer per VM").isEqualTo(item.vmId());
        ProtectedItem after = f.items.findByVm(f.demo.sourceVmId()).orElseThrow();
        assertThat(rpo.getValue()).as("the RPO the cycle recorded on the item").isEqualTo(after.cycle().lastRpoSeconds());
        assertNoSecretIn(spans.getFinishedSpanItems());
    }

    @Test
    void aRetriedStageShowsOneSpanPerAttemptAndCountsTheFailure() {
        f.arm.faults().next("PUT", "/storageAccounts/", 500, Map.of(), 1);
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);

        List<SpanData> prepare = stageSpans(job.id()).stream()
                .filter(s -> PrepareTarget.NAME.equals(s.getAttributes().get(STAGE))).toList();
        assertThat(prepare).extracting(s -> s.getAttributes().get(ATTEMPT)).containsExactly(1L, 2L);
        assertThat(prepare).extracting(s -> s.getAttributes().get(OUTCOME)).containsExactly("retry", "completed");
        assertThat(prepare.get(0).getAttributes().get(ERROR_CODE)).isEqualTo("TransientFailure");
        assertThat(prepare.get(0).getEvents()).as("the error is recorded on the span, named by the class thrown")
                .anyMatch(e -> e.getName().equals("exception") && !RedactedError.class.getName()
                        .equals(e.getAttributes().get(AttributeKey.stringKey("exception.type"))));
        assertThat(prepare).extracting(SpanData::getTraceId).containsOnly(prepare.get(1).getTraceId());

        LongPointData failures = only(longPoints(metric(JobTelemetry.STAGE_FAILURES)));
        assertThat(failures.getValue()).isEqualTo(1);
        assertThat(failures.getAttributes().get(STAGE)).isEqualTo(PrepareTarget.NAME);
        assertThat(failures.getAttributes().get(OUTCOME)).isEqualTo("retry");
        assertNoSecretIn(spans.getFinishedSpanItems());
    }

    @Test
    void bytesMovedAreCountedByKindAndEveryStageCallIsTimed() {
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        Collection<MetricData> all = metrics.collectAllMetrics();

        Map<String, Long> moved = longPoints(metric(all, JobTelemetry.BYTES_MOVED)).stream()
                .collect(Collectors.toMap(p -> p.getAttributes().get(TRANSFER_KIND), LongPointData::getValue));
        long resyncWritten = StreamSupport.stream(job.outputs().get(ResyncDisks.RESULTS.name()).spliterator(), false)
                .mapToLong(d -> d.get("bytesWritten").asLong()).sum();
        assertThat(moved).as("the seeds are copies of both demo disks; the resync wrote what it reported")
                .containsEntry("seed", DemoJobProgressTest.DEMO_DISK_BYTES);
        if (resyncWritten > 0) {
            assertThat(moved).containsEntry("resync", resyncWritten);
        } else {
            assertThat(moved).doesNotContainKey("resync");
        }

        List<HistogramPointData> durations = metric(all, JobTelemetry.STAGE_DURATION).getHistogramData().getPoints()
                .stream().toList();
        for (Task task : job.tasks()) {
            long calls = stageSpans(job.id()).stream().filter(s -> task.name().equals(s.getAttributes().get(STAGE)))
                    .count();
            long timed = durations.stream().filter(p -> task.name().equals(p.getAttributes().get(STAGE)))
                    .mapToLong(HistogramPointData::getCount).sum();
            assertThat(timed).as(task.name() + ": one duration per call").isEqualTo(calls);
        }
        assertThat(durations).allSatisfy(p -> {
            assertThat(p.getAttributes().get(JOB_ID)).as("no job id on a metric: one series per stage").isNull();
            assertThat(p.getAttributes().get(OUTCOME)).isNotNull();
            assertThat(p.getMin()).isGreaterThanOrEqualTo(0);
        });
        assertThat(durations.stream().mapToDouble(HistogramPointData::getSum).sum()).as("stages take time")
                .isPositive();
        assertThat(metric(all, JobTelemetry.STAGE_FAILURES)).as("nothing failed").isNull();
    }

    private List<SpanData> spansOf(String jobId) {
        return spans.getFinishedSpanItems().stream().filter(s -> jobId.equals(s.getAttributes().get(JOB_ID)))
                .toList();
    }

    /** The job's stage spans, in the order they ended (the order the stages ran). */
    private List<SpanData> stageSpans(String jobId) {
        return spansOf(jobId).stream().filter(s -> s.getAttributes().get(STAGE) != null).toList();
    }

    private MetricData metric(String name) {
        return metric(metrics.collectAllMetrics(), name);
    }

    private static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst().orElse(null);
    }

    private static List<LongPointData> longPoints(MetricData metric) {
        assertThat(metric).isNotNull();
        return metric.getData().getPoints().stream().map(p -> (LongPointData) p).toList();
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** No SAS signature or account key in any attribute or event (exception message, stack) of any span. */
    private static void assertNoSecretIn(List<SpanData> all) {
        for (SpanData span : all) {
            span.getAttributes().forEach((key, value) -> assertSafe(span, key.getKey(), String.valueOf(value)));
            span.getEvents().forEach(e -> e.getAttributes().forEach((key, value) -> assertSafe(span, key.getKey(),
                    String.valueOf(value))));
        }
    }

    private static void assertSafe(SpanData span, String key, String value) {
        assertThat(value).as(span.getName() + " " + key).doesNotContain("sig=", "AccountKey", "SharedAccessKey");
    }
}
