package io.reprotect.bench;

import static io.reprotect.cost.AzurePrices.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.PageRange;
import io.reprotect.cost.AzurePrices;
import io.reprotect.cost.CallMeter;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.request.ReplicationPolicy;
import io.reprotect.sync.DiffWindows;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What protecting one VM costs a month, from what the app does in its own runs: the real reprotect and
 * replication-cycle stages on the ARM stand-in, Azurite and the in-process queue, with every request
 * counted where it leaves the app (a {@link CallMeter} on the ARM and blob clients, the
 * stand-in's disk data plane for diffs and SAS reads, the queue's operations, the function host's
 * executions and their wall time). Priced with {@link AzurePrices} (one region, one date).
 *
 * <p>Scaling: the demo VM has two 1 GiB disks; a churn level is a share of the disks written per hour, in
 * random 64 KiB writes. Counts that grow with bytes changed (Put Page / Put Page From URL, Clear Pages, the local
 * writer's reads) are multiplied by 128 GiB / 2 GiB; counts per cycle (ARM calls, snapshots, job store, Service
 * Bus, executions) are not. Page-range diffs are asked in adaptive windows ({@link DiffWindows}), which do not
 * scale with disk size: their count is the windows {@link DiffWindows} picks for two 64 GiB disks holding the
 * scaled writes spread evenly, every answer quick.
 * Execution time is scaled by the measured marginal seconds per data-plane request. A month is
 * {@code 30 d / frequency} cycles at the default policy (5 minutes, 24 h retention).
 *
 * <p>Run: {@code ./mvnw -B test -Dtest=CostModelBenchmark -Dreprotect.benchmark=true}; writes
 * {@code target/cost-model.md}.
 */
@EnabledIfSystemProperty(named = "reprotect.benchmark", matches = "true")
class CostModelBenchmark {

    static final int CYCLES = Integer.getInteger("reprotect.benchmark.cycles", 5);
    /** The VM the table is for: 128 GiB of disks, all in use (replica and base snapshot hold all of it). */
    static final long VM_DISK_BYTES = 128L << 30;
    static final int WRITE_BYTES = 64 << 10;
    /** infra/modules/functionapp.bicep's default instanceMemoryMB (2048). */
    static final double INSTANCE_GB = 2.048;
    static final ReplicationPolicy POLICY = ReplicationPolicy.DEFAULT;
    static final double CYCLES_PER_MONTH = 30.0 * 24 * 60 / POLICY.crashConsistentFrequencyInMinutes();
    static final double POINTS_KEPT = POLICY.recoveryPointRetentionInHours() * 60.0
            / POLICY.crashConsistentFrequencyInMinutes();
    static final double GIB = 1L << 30;
    /** Kinds whose count grows with disk size or bytes changed. */
    static final Set<String> DATA_PLANE = Set.of("put page", "put page from url", "clear pages", "source get blob");
    /** Page-range diffs: modelled for the 128 GiB VM ({@link #modelledDiffs}), not scaled. */
    static final String DIFFS = "source get page ranges diff";
    /** Ranges the Blob service puts in one answer before a NextMarker. */
    static final int RANGES_PER_ANSWER = 10_000;
    /** The 128 GiB VM's disks. */
    static final int VM_DISKS = 2;
    static final double[] CHURN_PER_HOUR = {0, 0.01, 0.10};

    final Random random = new Random(14);

    @Test
    void costPerProtectedVmPerMonth() throws IOException {
        try (ReprotectFixture f = new ReprotectFixture()) {
            Map<String, Double> start = counts(f);
            Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
            assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Succeeded);
            Map<String, Double> perJob = minus(counts(f), start, 1);

            long diskBytes = f.demo.sourceDiskIds().stream()
                    .mapToLong(id -> f.arm.blobOf(id).getProperties().getBlobSize()).sum();
            double scale = VM_DISK_BYTES / (double) diskBytes;
            List<Map<String, Double>> perCycle = new ArrayList<>();
            List<Double> changedPerCycle = new ArrayList<>();
            for (double churn : CHURN_PER_HOUR) {
                long bytesPerCycle = (long) (diskBytes * churn * POLICY.crashConsistentFrequencyInMinutes() / 60);
                Map<String, Double> before = counts(f);
                long changed = 0;
                for (int c = 0; c < CYCLES; c++) {
                    changed += churn(f, bytesPerCycle);
                    String next = f.items.findByVm(f.demo.sourceVmId()).orElseThrow().cycle().nextCycleJobId();
                    Job cycle = f.runToEnd(next);
                    assertThat(cycle.state()).as(ReprotectFixture.describe(cycle)).isEqualTo(JobState.Succeeded);
                }
                perCycle.add(minus(counts(f), before, CYCLES));
                changedPerCycle.add(changed / (double) CYCLES);
            }
            String report = report(perJob, perCycle, changedPerCycle, scale);
            System.out.println(report);
            Files.writeString(Path.of("target", "cost-model.md"), report);
            assertThat(perCycle.get(0).get("executions")).as("a cycle runs its stages").isPositive();
        }
    }

    /** Writes about {@code bytes} in random 64 KiB writes over both disks; returns the bytes written. */
    private long churn(ReprotectFixture f, long bytes) {
        long written = 0;
        byte[] data = new byte[WRITE_BYTES];
        while (written + WRITE_BYTES <= bytes) {
            String disk = f.demo.sourceDiskIds().get(random.nextInt(f.demo.sourceDiskIds().size()));
            long size = f.arm.blobOf(disk).getProperties().getBlobSize();
            long offset = (long) (random.nextDouble() * (size - WRITE_BYTES)) / 4096 * 4096;
            random.nextBytes(data);
            f.arm.blobOf(disk).uploadPages(new PageRange().setStart(offset).setEnd(offset + WRITE_BYTES - 1),
                    new ByteArrayInputStream(data));
            written += WRITE_BYTES;
        }
        return written;
    }

    /** Every counter, by kind: the meter's, the stand-in's disk data plane, the queue, the function host. */
    private static Map<String, Double> counts(ReprotectFixture f) {
        Map<String, Double> all = new TreeMap<>();
        f.meter.counts().forEach((k, v) -> all.put(k, v.doubleValue()));
        f.arm.diskDataPlaneRequests().forEach((k, v) -> all.put("source " + k, v.doubleValue()));
        InProcessStageQueue.Operations q = f.queue.operations();
        all.put("service bus send", (double) (q.sends() - q.scheduledSends()));
        all.put("service bus scheduled send", (double) q.scheduledSends());
        all.put("service bus receive", (double) q.receives());
        all.put("service bus complete", (double) q.completes());
        all.put("service bus abandon", (double) q.abandons());
        all.put("arm POST beginGetAccess (grant)", (double) actions(f, "/begingetaccess "));
        all.put("arm POST endGetAccess (revoke)", (double) actions(f, "/endgetaccess "));
        all.put("executions", (double) f.host.executions());
        all.put("execution seconds", f.host.executionTime().toNanos() / 1e9);
        return all;
    }

    /** Requests the ARM stand-in served whose path ends with {@code suffix} (a POST action, lower case). */
    private static long actions(ReprotectFixture f, String suffix) {
        return f.arm.actionLog().stream().filter(a -> a.startsWith("POST ") && a.toLowerCase(Locale.ROOT).contains(suffix))
                .count();
    }

    /**
     * Page-range diff requests (answers) for the 128 GiB VM: the windows {@link DiffWindows} picks over
     * {@link #VM_DISKS} disks with {@code ranges} changed ranges spread evenly over them, each answer quick.
     */
    static double modelledDiffs(double ranges) {
        long disk = VM_DISK_BYTES / VM_DISKS;
        double perByte = ranges / VM_DISK_BYTES;
        long requests = 0;
        for (int d = 0; d < VM_DISKS; d++) {
            long window = DiffWindows.first(0);
            for (long next = 0; next < disk; ) {
                long length = Math.min(window, disk - next);
                int inWindow = (int) Math.round(perByte * length);
                int answers = Math.max(1, (inWindow + RANGES_PER_ANSWER - 1) / RANGES_PER_ANSWER);
                requests += answers;
                window = DiffWindows.next(window, inWindow, answers, Duration.ZERO);
                next += length;
            }
        }
        return requests;
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before, int per) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> {
            double x = (v - before.getOrDefault(k, 0.0)) / per;
            if (x != 0) {
                d.put(k, x);
            }
        });
        return d;
    }

    private static double sum(Map<String, Double> m, String prefix) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static double dataPlane(Map<String, Double> m) {
        return m.entrySet().stream().filter(e -> DATA_PLANE.contains(e.getKey())).mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** Counts for one VM of {@link #VM_DISK_BYTES}: data-plane kinds times {@code scale}, time by its marginal rate. */
    private static Map<String, Double> scaled(Map<String, Double> m, double scale, double secondsPerDataPlaneRequest) {
        Map<String, Double> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k, DATA_PLANE.contains(k) ? v * scale : v));
        double writes = (m.getOrDefault("put page", 0.0) + m.getOrDefault("put page from url", 0.0)) * scale;
        s.put(DIFFS, modelledDiffs(writes));
        s.put("execution seconds", m.getOrDefault("execution seconds", 0.0)
                + (scale - 1) * dataPlane(m) * secondsPerDataPlaneRequest
                + (s.get(DIFFS) - m.getOrDefault(DIFFS, 0.0)) * secondsPerDataPlaneRequest);
        return s;
    }

    /**
     * Money for one cycle's counts in Azure. The local writer's Put Page is Put Page From URL there, and the
     * bytes it read through the app (source get blob) are not read at all: those reads are left out.
     */
    private static Map<String, Double> dollars(Map<String, Double> c) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("Functions executions", c.getOrDefault("executions", 0.0) * FUNCTIONS_PER_MILLION_EXECUTIONS / 1e6);
        d.put("Functions GB-s", c.getOrDefault("execution seconds", 0.0) * INSTANCE_GB * FUNCTIONS_PER_GB_SECOND);
        d.put("Service Bus operations", sum(c, "service bus") * SERVICE_BUS_PER_MILLION_OPERATIONS / 1e6);
        d.put("Job store transactions", ((sum(c, "job store write") + sum(c, "job store list")) * JOB_STORE_WRITES_PER_10K
                + sum(c, "job store read") * JOB_STORE_READS_PER_10K) / 1e4);
        double pageOps = sum(c, "blob ") + sum(c, "put page") + sum(c, "clear pages") + sum(c, "get page ranges")
                + sum(c, "source get page ranges diff");
        d.put("Page blob transactions", pageOps * PAGE_BLOB_OPERATIONS_PER_10K / 1e4);
        return d;
    }

    private static String report(Map<String, Double> perJob, List<Map<String, Double>> perCycle,
                                 List<Double> changedPerCycle, double scale) {
        int last = CHURN_PER_HOUR.length - 1;
        double marginal = Math.max(0, (perCycle.get(last).get("execution seconds") - perCycle.get(0).get("execution seconds"))
                / Math.max(1, dataPlane(perCycle.get(last)) - dataPlane(perCycle.get(0))));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Prices: %s, list prices as of %s (io.reprotect.cost.AzurePrices). "
                + "%d cycles per level; scale x%.0f; %.4f s per data-plane request (marginal, local writer).%n%n",
                REGION, AS_OF, CYCLES, scale, marginal));
        out.append("| Per protected VM per month | Idle | 1 %/h | 10 %/h |\n|---|---|---|---|\n");
        List<Map<String, Double>> money = new ArrayList<>();
        List<Map<String, Double>> scaledCounts = new ArrayList<>();
        for (int i = 0; i < perCycle.size(); i++) {
            Map<String, Double> s = scaled(perCycle.get(i), scale, marginal);
            scaledCounts.add(s);
            Map<String, Double> m = new LinkedHashMap<>();
            dollars(s).forEach((k, v) -> m.put(k, v * CYCLES_PER_MONTH));
            double orchestration = m.values().stream().mapToDouble(Double::doubleValue).sum();
            m.put("**Orchestration (this app)**", orchestration);
            double vmGib = VM_DISK_BYTES / GIB;
            m.put("Replica page blobs (128 GiB used)", vmGib * PAGE_BLOB_PER_GB_MONTH);
            m.put("Base incremental snapshots (128 GiB used)", vmGib * INCREMENTAL_SNAPSHOT_PER_GB_MONTH);
            double pointsGib = changedPerCycle.get(i) * scale * POINTS_KEPT / GIB;
            m.put(String.format(Locale.ROOT, "Recovery points (%d kept, changed pages)", (int) POINTS_KEPT),
                    pointsGib * PAGE_BLOB_PER_GB_MONTH);
            m.put("**Storage (any replica)**", vmGib * PAGE_BLOB_PER_GB_MONTH + vmGib * INCREMENTAL_SNAPSHOT_PER_GB_MONTH
                    + pointsGib * PAGE_BLOB_PER_GB_MONTH);
            m.put("**Total**", orchestration + m.get("**Storage (any replica)**"));
            money.add(m);
        }
        for (String line : money.get(0).keySet()) {
            out.append("| ").append(line);
            for (Map<String, Double> m : money) {
                out.append(String.format(Locale.ROOT, " | $%.2f", m.getOrDefault(line, 0.0)));
            }
            out.append(" |\n");
        }
        out.append(String.format(Locale.ROOT, "| ASR licence per instance (storage extra) | $%.2f | $%.2f | $%.2f |%n%n",
                ASR_PER_INSTANCE_MONTH, ASR_PER_INSTANCE_MONTH, ASR_PER_INSTANCE_MONTH));
        out.append("| Per cycle, 128 GiB VM (measured; data-plane kinds scaled) | Idle | 1 %/h | 10 %/h | Reprotect job (demo VM, unscaled) |\n|---|---|---|---|---|\n");
        Set<String> kinds = new java.util.TreeSet<>(perJob.keySet());
        scaledCounts.forEach(m -> kinds.addAll(m.keySet()));
        for (String kind : kinds) {
            out.append("| ").append(kind);
            for (Map<String, Double> m : scaledCounts) {
                out.append(String.format(Locale.ROOT, " | %.1f", m.getOrDefault(kind, 0.0)));
            }
            out.append(String.format(Locale.ROOT, " | %.1f |%n", perJob.getOrDefault(kind, 0.0)));
        }
        out.append("| bytes changed (MiB) ");
        changedPerCycle.forEach(b -> out.append(String.format(Locale.ROOT, " | %.1f", b * scale / (1 << 20))));
        out.append(" | |\n");
        return out.toString();
    }
}
