package io.reprotect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.PageRange;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.replication.CycleSlots;
import io.reprotect.replication.ScheduleNextCycle;
import io.reprotect.replication.SnapshotSourceDisks;
import io.reprotect.replication.TakeRecoveryPoint;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: RPO of the real replication cycle. The demo VM (2 disks of 1 GiB) is
 * reprotected on the ARM stand-in and Azurite, then 30 cycles run through the pipeline (every stage,
 * the in-process queue) at a 1-minute frequency ({@code cycle-frequency-override}), with 1% churn per
 * disk before each cycle (random 64 KiB-1 MiB writes, a tenth of them trims).
 *
 * <p>Queue time is virtual (the benchmark does not wait out the minute between cycles), so the RPO
 * timeline is rebuilt from what was measured: cycle i starts at its due time S(i); its recovery point
 * (captured at S(i), as the engine records it) becomes visible at S(i) + the measured wall time until
 * {@code take-recovery-point} finished; cycle i+1 is due at {@link CycleSlots#next} of S(i) + the
 * cycle's measured wall time, exactly as {@code schedule-next-cycle} computes it. RPO = t minus the
 * capture time of the newest visible point, sampled every 100 ms from the first point to the last.
 * Run: {@code ./mvnw -B test -Dtest=ReplicationCycleBenchmark -Dreprotect.benchmark=true}. Writes
 * target/benchmark-replication-cycle.md.
 */
@EnabledIfSystemProperty(named = "reprotect.benchmark", matches = "true")
class ReplicationCycleBenchmark {

    private static final long MIB = 1 << 20;
    private static final long DISK_BYTES = 1024 * MIB;
    private static final int CYCLES = Integer.getInteger("reprotect.benchmark.cycles", 30);
    private static final Duration FREQUENCY = Duration.ofMinutes(1);
    private static final long CHURN_BYTES = DISK_BYTES / 100;
    private static final long SAMPLE_MILLIS = 100;

    private final Random random = new Random(42);

    @Test
    void run() throws Exception {
        ReprotectFixture f = new ReprotectFixture();
        try {
            f.cycleFrequency = FREQUENCY;
            Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
            assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Succeeded);
            ProtectedItem item = f.items.findByVm(f.demo.sourceVmId()).orElseThrow();
            long[] visibleMillis = new long[CYCLES];
            long[] cycleMillis = new long[CYCLES];
            for (int n = 0; n < CYCLES; n++) {
                for (String disk : f.demo.sourceDiskIds()) {
                    churn(f, disk);
                }
                String jobId = f.items.get(item.id()).orElseThrow().cycle().nextCycleJobId();
                // a fleet cycle runs in-process and its record is written once it ends: time it from its tasks
                Job cycle = f.runToEnd(jobId);
                assertThat(cycle.state()).as(ReprotectFixture.describe(cycle)).isEqualTo(JobState.Succeeded);
                Instant started = cycle.task(SnapshotSourceDisks.NAME).orElseThrow().startTime();
                visibleMillis[n] = Duration.between(started,
                        cycle.task(TakeRecoveryPoint.NAME).orElseThrow().endTime()).toMillis();
                cycleMillis[n] = Duration.between(started,
                        cycle.task(ScheduleNextCycle.NAME).orElseThrow().endTime()).toMillis();
            }
            ProtectedItem done = f.items.get(item.id()).orElseThrow();
            assertThat(done.health().healthErrors()).isEmpty();
            report(item.id(), visibleMillis, cycleMillis, done.replicaSet().recoveryPoints());
        } finally {
            f.close();
        }
    }

    /** 1% of the disk in random 64 KiB-1 MiB writes, a tenth of them trims, as a running VM would. */
    private void churn(ReprotectFixture f, String diskId) {
        var blob = f.arm.blobOf(diskId);
        long written = 0;
        while (written < CHURN_BYTES) {
            int bytes = (int) Math.min(CHURN_BYTES - written, (64 + random.nextInt(961)) * 1024L) / 512 * 512;
            bytes = Math.max(bytes, 512);
            long offset = (long) (random.nextDouble() * ((DISK_BYTES - bytes) / 512)) * 512;
            PageRange range = new PageRange().setStart(offset).setEnd(offset + bytes - 1);
            if (random.nextInt(10) == 0) {
                blob.clearPages(range);
            } else {
                byte[] data = new byte[bytes];
                random.nextBytes(data);
                blob.uploadPages(range, new ByteArrayInputStream(data));
            }
            written += bytes;
        }
    }

    private static void report(String itemId, long[] visibleMillis, long[] cycleMillis, List<RecoveryPoint> points)
            throws Exception {
        // the timeline, in ms from the first cycle's due time
        long f = FREQUENCY.toMillis();
        long[] start = new long[CYCLES];
        long[] visible = new long[CYCLES];
        Instant base = Instant.ofEpochMilli(0);
        Instant due = CycleSlots.next(itemId, FREQUENCY, base);
        for (int n = 0; n < CYCLES; n++) {
            start[n] = due.toEpochMilli();
            visible[n] = start[n] + visibleMillis[n];
            due = CycleSlots.next(itemId, FREQUENCY, Instant.ofEpochMilli(start[n] + cycleMillis[n]));
        }
        List<Long> rpo = new ArrayList<>();
        int newest = 0;
        for (long t = visible[0]; t <= visible[CYCLES - 1]; t += SAMPLE_MILLIS) {
            while (newest + 1 < CYCLES && visible[newest + 1] <= t) {
                newest++;
            }
            rpo.add(t - start[newest]);
        }
        long[] sorted = rpo.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] cycles = cycleMillis.clone();
        Arrays.sort(cycles);
        double meanCycle = Arrays.stream(cycleMillis).average().orElse(0) / 1000.0;
        double p50 = pct(sorted, 50) / 1000.0;
        double p99 = pct(sorted, 99) / 1000.0;
        double goal = f / 1000.0 + meanCycle + 10;
        String table = String.format(Locale.ROOT, """
                | Measure | Result | Goal |
                |---|---|---|
                | Cycles / frequency / churn per cycle | %d / %d s / 1%% of each 1 GiB disk | |
                | Cycle wall time, snapshot to next cycle scheduled (mean / p50 / max) | %.2f s / %.2f s / %.2f s | |
                | Cycle start to recovery point recorded (mean) | %.2f s | |
                | RPO p50 / p99 / max over the run | %.1f s / %.1f s / %.1f s | p99 <= %.1f s (frequency + cycle + 10 s) |
                | Recovery points kept at the end | %d | |
                """, CYCLES, f / 1000, meanCycle, cycles[cycles.length / 2] / 1000.0,
                cycles[cycles.length - 1] / 1000.0, Arrays.stream(visibleMillis).average().orElse(0) / 1000.0, p50, p99,
                sorted[sorted.length - 1] / 1000.0, goal, points.size());
        System.out.println(table);
        Files.writeString(Path.of("target", "benchmark-replication-cycle.md"), table, StandardCharsets.UTF_8);
        assertThat(p99).as("RPO p99 within frequency + cycle time + 10 s").isLessThanOrEqualTo(goal);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
