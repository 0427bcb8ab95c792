package io.reprotect.bench;

import io.reprotect.job.JobState;
import io.reprotect.pipeline.PipelineHarness;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.Workflows;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Pipeline overhead with no-op stages, the Azurite job store and the in-process queue.
 * A benchmark, not a test: run it with
 * {@code ./mvnw -B test -Dtest=PipelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PipelineBenchmark {

    static final int OVERHEAD_JOBS = 50;
    static final int CONCURRENT_JOBS = 200;
    /** Like host.json's maxConcurrentCalls on one instance. */
    static final int WORKERS = 8;

    @Test
    void perStageOverheadAndConcurrentJobs() throws Exception {
        PipelineHarness warmup = new PipelineHarness();
        for (int i = 0; i < 10; i++) {
            warmup.submit("warmup-" + i);
        }
        warmup.runUntilIdle();

        PipelineHarness pipeline = new PipelineHarness();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < OVERHEAD_JOBS; i++) {
            pipeline.submit("overhead-" + i);
        }
        for (boolean delivered = true; delivered;) {
            delivered = false;
            {
                var envelope = pipeline.queue.receive(Queues.STAGES);
                if (envelope.isPresent()) {
                    long start = System.nanoTime();
                    pipeline.runner.run(envelope.get().message().body());
                    nanos.add(System.nanoTime() - start);
                    pipeline.queue.complete(envelope.get());
                    delivered = true;
                }
            }
        }
        Collections.sort(nanos);
        System.out.printf("per-stage overhead (load, save start, save outcome, send), %d stage runs: "
                + "median %.1f ms, p99 %.1f ms%n", nanos.size(), percentile(nanos, 50) / 1e6,
                percentile(nanos, 99) / 1e6);

        PipelineHarness concurrent = new PipelineHarness();
        System.gc();
        resetPeaks();
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_JOBS; i++) {
            ids.add(concurrent.submit("concurrent-" + i).id());
        }
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        AtomicBoolean done = new AtomicBoolean();
        for (int w = 0; w < WORKERS; w++) {
            workers.submit(() -> {
                while (!done.get()) {
                    if (concurrent.host.deliverDue() == 0) {
                        Thread.onSpinWait();
                    }
                }
            });
        }
        while (!ids.stream().allMatch(id -> concurrent.job(id).state() == JobState.Succeeded)) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        done.set(true);
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        System.out.printf("%d concurrent jobs x %d stages with %d workers: %.1f s, %.1f jobs/s, "
                + "%.0f stage runs/s, peak heap %d MiB%n", CONCURRENT_JOBS, Workflows.REPROTECT.stages().size(), WORKERS,
                seconds, CONCURRENT_JOBS / seconds, CONCURRENT_JOBS * Workflows.REPROTECT.stages().size() / seconds,
                peakHeapBytes() / (1024 * 1024));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
