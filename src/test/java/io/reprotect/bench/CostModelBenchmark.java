package io.reprotect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.PageRange;
import io.reprotect.cost.AzurePrices;
import io.reprotect.cost.AzurePrices.RegionPair;
import io.reprotect.cost.CallMeter;
import io.reprotect.cost.CostModel;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.request.ReplicationPolicy;
import io.reprotect.sync.DiffWindows;
import io.reprotect.testkit.ReprotectFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What protecting one VM costs a month, from what the app does in its own runs: the real reprotect job and
 * replication cycles of {@code VMS} VMs (the demo VM seeded that many times in one subscription and region) on
 * the ARM stand-in, Azurite and the in-process queue, with every request counted where it leaves the app (a
 * {@link CallMeter} on the ARM and blob clients, the stand-in's disk data plane for diffs and SAS reads, the
 * queue's operations, the function host's executions and their wall time, the app's log lines). Priced with
 * {@link CostModel} and {@link AzurePrices}.
 *
 * <p>Generic over the shape of a cycle: the run goes on until every VM has a new recovery point, and all
 * counts of that stretch are divided by the VM-cycles it produced, whatever ran them (one job per item per
 * cycle, or one execution per shard for many items), so work shared by a shard is amortised over its items.
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
 * <p>Scaling: the demo VM has two 1 GiB disks; a churn level is a share of the disks written per hour, in random
 * 64 KiB writes. Counts that grow with disk size or bytes changed (page-range diffs, Put Page / Put Page From URL,
 * Clear Pages, the local writer's reads, the bytes changed) are multiplied by 128 GiB / 2 GiB; the others are not.
 * Execution time grows by the measured marginal seconds per data-plane request.
 *
 * <p>Run: {@code ./mvnw -B -o test -Dtest=CostModelBenchmark -Dreprotect.benchmark=true}; writes
 * {@code target/cost-model.md}.
 */
@EnabledIfSystemProperty(named = "reprotect.benchmark", matches = "true")
class CostModelBenchmark {

    static final int VMS = Integer.getInteger("reprotect.benchmark.vms", 2);
    static final int CYCLES = Integer.getInteger("reprotect.benchmark.cycles", 5);
    /** Cycles capture with VM restore points, as in production (reprotect.protection.restore-points defaults to true). */
    static final boolean RESTORE_POINTS = Boolean.parseBoolean(System.getProperty("reprotect.benchmark.restore-points", "true"));
    /** The VM the table is for: 128 GiB of disks, all in use (replica and base snapshot hold all of it). */
    static final long VM_DISK_BYTES = 128L << 30;
    static final int WRITE_BYTES = 64 << 10;
    static final ReplicationPolicy POLICY = ReplicationPolicy.DEFAULT;
    static final Duration FREQUENCY = Duration.ofMinutes(POLICY.crashConsistentFrequencyInMinutes());
    /** Kinds whose count grows with disk size or bytes changed. */
    static final Set<String> DATA_PLANE = Set.of("put page", "put page from url", "clear pages", "source get blob",
            CostModel.BYTES_CHANGED);
    /** Page-range diffs: modelled for the 128 GiB VM ({@link #modelledDiffs}), not scaled. */
    static final String DIFFS = "source get page ranges diff";
    /** Ranges the Blob service puts in one answer before a NextMarker. */
    static final int RANGES_PER_ANSWER = 10_000;
    /** The 128 GiB VM's disks. */
    static final int VM_DISKS = 2;
    static final double[] CHURN_PER_HOUR = {0, 0.01, 0.10};
    static final String[] LEVELS = {"Idle", "1 %/h", "10 %/h"};

    final Random random = new Random(14);

    @Test
    void costPerProtectedVmPerMonth() throws IOException {
        LogMeter logs = LogMeter.install();
        try (ReprotectFixture f = new ReprotectFixture()) {
            f.useRestorePoints = RESTORE_POINTS;
            List<DemoRegionPair> vms = new ArrayList<>(List.of(f.demo));
            for (int i = 1; i < VMS; i++) {
                vms.add(DemoSeed.seed(f.arm, f.arm.subscriptionId(), "-c" + i));
            }
            Map<String, Double> start = counts(f, logs);
            List<String> jobs = vms.stream().map(vm -> f.submit(f.request(vm.sourceVmId(), "")).id()).toList();
            assertThat(runUntil(f, () -> f.meter.uncounted(() -> jobs.stream().allMatch(id -> f.job(id).state().ended())),
                    Instant.MAX)).isTrue();
            Map<String, Double> perJob = minus(counts(f, logs), start, VMS);
            for (String id : jobs) {
                Job job = f.job(id);
                assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
            }

            long diskBytes = f.demo.sourceDiskIds().stream()
                    .mapToLong(id -> f.arm.blobOf(id).getProperties().getBlobSize()).sum();
            double scale = VM_DISK_BYTES / (double) diskBytes;
            List<Map<String, Double>> perCycle = new ArrayList<>();
            List<Double> realSeconds = new ArrayList<>();
            for (double churn : CHURN_PER_HOUR) {
                long bytesPerCycle = (long) (diskBytes * churn * FREQUENCY.toMinutes() / 60);
                Map<String, Double> before = counts(f, logs);
                Instant levelStart = f.clock.instant();
                long realStart = System.nanoTime();
                long changed = 0;
                for (int c = 0; c < CYCLES; c++) {
                    for (DemoRegionPair vm : vms) {
                        changed += churn(f, vm, bytesPerCycle);
                    }
                    Instant since = f.clock.instant();
                    Instant deadline = since.plus(FREQUENCY.multipliedBy(4));
                    assertThat(runUntil(f, () -> vms.stream().allMatch(vm -> newPoints(f, vm, since) >= 1), deadline))
                            .as("every VM takes a recovery point within 4 frequencies").isTrue();
                    while (f.host.deliverDue() > 0) {
                        // the stages after the point (release, prune, schedule next) end the cycle
                    }
                }
                // per VM-cycle: divided by the recovery points taken, however the cycles were run
                int vmCycles = (int) vms.stream().mapToLong(vm -> newPoints(f, vm, levelStart)).sum();
                Map<String, Double> level = minus(counts(f, logs), before, vmCycles);
                level.put(CostModel.BYTES_CHANGED, changed / (double) vmCycles);
                perCycle.add(level);
                realSeconds.add((System.nanoTime() - realStart) / 1e9);
            }
            String report = report(perJob, perCycle, scale, realSeconds);
            System.out.println(report);
            Files.writeString(Path.of("target", "cost-model.md"), report);
            assertThat(perCycle.get(0).get("executions")).as("a cycle runs").isPositive();
        } finally {
            logs.uninstall();
        }
    }

    /** The VM's recovery points taken after {@code since}, read without counting the read as the app's. */
    private static long newPoints(ReprotectFixture f, DemoRegionPair vm, Instant since) {
        return f.meter.uncounted(() -> f.items.findByVm(vm.sourceVmId()).orElseThrow().replicaSet().recoveryPoints()
                .stream().map(RecoveryPoint::time).filter(t -> t.isAfter(since)).count());
    }

    /** Delivers due messages and jumps the clock to the next scheduled one until {@code done} or the deadline. */
    private static boolean runUntil(ReprotectFixture f, BooleanSupplier done, Instant deadline) {
        while (!done.getAsBoolean()) {
            if (f.host.deliverDue() > 0) {
                continue;
            }
            Optional<Instant> next = f.queue.nextScheduled(f.host.listenedQueues());
            if (next.isEmpty() || next.get().isAfter(deadline)) {
                return false;
            }
            Duration wait = Duration.between(f.queue.now(), next.get());
            f.queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
        }
        return true;
    }

    /** Writes about {@code bytes} in random 64 KiB writes over the VM's disks; returns the bytes written. */
    private long churn(ReprotectFixture f, DemoRegionPair vm, long bytes) {
        long written = 0;
        byte[] data = new byte[WRITE_BYTES];
        while (written + WRITE_BYTES <= bytes) {
            String disk = vm.sourceDiskIds().get(random.nextInt(vm.sourceDiskIds().size()));
            long size = f.arm.blobOf(disk).getProperties().getBlobSize();
            long offset = (long) (random.nextDouble() * (size - WRITE_BYTES)) / 4096 * 4096;
            random.nextBytes(data);
            f.arm.blobOf(disk).uploadPages(new PageRange().setStart(offset).setEnd(offset + WRITE_BYTES - 1),
                    new ByteArrayInputStream(data));
            written += WRITE_BYTES;
        }
        return written;
    }

    /** Every counter, by kind: the meter's, the stand-in's disk data plane, the queue, the function host, the logs. */
    private static Map<String, Double> counts(ReprotectFixture f, LogMeter logs) {
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
        all.put("billed execution seconds", f.host.billedExecutionTime().toNanos() / 1e9);
        all.put(CostModel.LOG_RECORDS, (double) logs.records.get());
        all.put(CostModel.LOG_BYTES, (double) logs.bytes.get());
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

    private static double dataPlane(Map<String, Double> m) {
        return m.entrySet().stream().filter(e -> DATA_PLANE.contains(e.getKey()) && !e.getKey().equals(CostModel.BYTES_CHANGED))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Counts for one VM of {@link #VM_DISK_BYTES}: data-plane kinds times {@code scale}, time by its marginal rate. */
    private static Map<String, Double> scaled(Map<String, Double> m, double scale, double secondsPerDataPlaneRequest) {
        Map<String, Double> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k, DATA_PLANE.contains(k) ? v * scale : v));
        double writes = (m.getOrDefault("put page", 0.0) + m.getOrDefault("put page from url", 0.0)) * scale;
        s.put(DIFFS, modelledDiffs(writes));
        double extra = (scale - 1) * dataPlane(m) * secondsPerDataPlaneRequest
                + (s.get(DIFFS) - m.getOrDefault(DIFFS, 0.0)) * secondsPerDataPlaneRequest;
        s.put("execution seconds", m.getOrDefault("execution seconds", 0.0) + extra);
        s.put("billed execution seconds", m.getOrDefault("billed execution seconds", 0.0) + extra);
        return s;
    }

    private static String report(Map<String, Double> perJob, List<Map<String, Double>> perCycle, double scale,
                                 List<Double> realSeconds) {
        int last = perCycle.size() - 1;
        double marginal = Math.max(0, (perCycle.get(last).get("execution seconds") - perCycle.get(0).get("execution seconds"))
                / Math.max(1, dataPlane(perCycle.get(last)) - dataPlane(perCycle.get(0))));
        List<Map<String, Double>> counts = perCycle.stream().map(m -> scaled(m, scale, marginal)).toList();
        CostModel model = new CostModel(CostModel.Scenario.defaults(RegionPair.WITHIN_NORTH_AMERICA_OR_EUROPE));
        List<CostModel.Bill> bills = counts.stream().map(model::bill).toList();

        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Prices: io.reprotect.cost.AzurePrices (%s, "
                + "read %s). %d VMs x %d cycles per level; capture: %s; scale x%.0f; %.4f s per data-plane request (marginal, local "
                + "writer); real seconds per level %s.%n%n", AzurePrices.EAST_US, AzurePrices.READ, VMS, CYCLES,
                RESTORE_POINTS ? "VM restore points (production default)" : "per-disk snapshots", scale,
                marginal, realSeconds.stream().map(s -> String.format(Locale.ROOT, "%.0f", s)).toList()));
        out.append("| Per protected 128 GiB VM per month | Idle | 1 %/h | 10 %/h |\n|---|---|---|---|\n");
        table(out, bills.stream().map(CostModel.Bill::orchestration).toList());
        row(out, "**Orchestration (Azure's operation waits in-process)**",
                bills.stream().map(CostModel.Bill::orchestrationTotal).toList());
        List<Double> noWait = new ArrayList<>();
        for (CostModel.Bill b : bills) {
            noWait.add(b.orchestrationTotal() - b.orchestration().get("Functions GB-s (Azure's operation waits, in-process)")
                    + b.facts().get("Functions GB-s once nothing waits in-process"));
        }
        row(out, "**Orchestration once nothing waits in-process**", noWait);
        table(out, bills.stream().map(CostModel.Bill::perVmApart).toList());
        for (RegionPair pair : List.of(RegionPair.WITHIN_ASIA, RegionPair.ACROSS_CONTINENTS)) {
            CostModel other = new CostModel(CostModel.Scenario.defaults(pair));
            row(out, "Egress between regions (" + pair.name() + ")", counts.stream()
                    .map(c -> other.bill(c).perVmApart().get("Egress between regions (" + pair.name() + ")")).toList());
        }
        List<Double> allIn = bills.stream().map(b -> b.orchestrationTotal()
                + b.perVmApart().values().stream().mapToDouble(Double::doubleValue).sum()).toList();
        row(out, "**All-in, this engine (orchestration + egress within NA/EU + storage)**", allIn);
        table(out, bills.stream().map(CostModel.Bill::asr).toList());
        row(out, "**All-in, ASR (licence + replica disk + snapshots + the same egress; cache account not counted)**",
                bills.stream().map(b -> b.asr().values().stream().mapToDouble(Double::doubleValue).sum()).toList());
        out.append("\n| Per deployment per month (shared by every VM) | |\n|---|---|\n");
        bills.get(0).perDeployment().forEach((k, v) -> out.append(String.format(Locale.ROOT, "| %s | $%.2f |%n", k, v)));
        out.append("\n| Facts | Idle | 1 %/h | 10 %/h |\n|---|---|---|---|\n");
        for (String k : bills.get(0).facts().keySet()) {
            out.append("| ").append(k);
            for (CostModel.Bill b : bills) {
                double v = b.facts().get(k);
                out.append(k.startsWith("VMs") ? String.format(Locale.ROOT, " | %.0f", v) : String.format(Locale.ROOT, " | $%.2f", v));
            }
            out.append(" |\n");
        }
        row(out, "Instance-seconds per cycle, Azure's waits in-process", counts.stream().map(model::secondsWithAzureWaits).toList(), "%.1f");
        row(out, "Instance-seconds per cycle, no waits in-process", counts.stream().map(model::secondsWithoutWaits).toList(), "%.1f");
        row(out, "Log Analytics MB per VM-month", counts.stream().map(c -> model.logGbPerCycle(c) * 1e3
                * CostModel.Scenario.defaults(RegionPair.WITHIN_NORTH_AMERICA_OR_EUROPE).cyclesPerMonth()).toList(), "%.1f");

        out.append("\n| Per VM per cycle (measured; data-plane kinds scaled to 128 GiB) | Idle | 1 %/h | 10 %/h "
                + "| Reprotect job per VM (unscaled) |\n|---|---|---|---|---|\n");
        Set<String> kinds = new TreeSet<>(perJob.keySet());
        counts.forEach(m -> kinds.addAll(m.keySet()));
        for (String kind : kinds) {
            out.append("| ").append(kind);
            for (Map<String, Double> m : counts) {
                out.append(String.format(Locale.ROOT, " | %.1f", m.getOrDefault(kind, 0.0)));
            }
            out.append(String.format(Locale.ROOT, " | %.1f |%n", perJob.getOrDefault(kind, 0.0)));
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<Map<String, Double>> columns) {
        for (String line : columns.get(0).keySet()) {
            row(out, line, columns.stream().map(m -> m.get(line)).toList());
        }
    }

    private static void row(StringBuilder out, String name, List<Double> values) {
        out.append("| ").append(name);
        values.forEach(v -> out.append(String.format(Locale.ROOT, " | $%.2f", v)));
        out.append(" |\n");
    }

    private static void row(StringBuilder out, String name, List<Double> values, String format) {
        out.append("| ").append(name);
        values.forEach(v -> out.append(" | ").append(String.format(Locale.ROOT, format, v)));
        out.append(" |\n");
    }

    /**
     * Counts the log records the app writes as Azure would ingest them: INFO and above from the app's own loggers
     * (not the local stand-ins'), WARNING and above from the Azure SDK (application.properties keeps it at WARN).
     */
    static final class LogMeter extends Handler {
        final AtomicLong records = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        private final SimpleFormatter formatter = new SimpleFormatter();

        static LogMeter install() {
            LogMeter meter = new LogMeter();
            Logger.getLogger("").addHandler(meter);
            return meter;
        }

        void uninstall() {
            Logger.getLogger("").removeHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            boolean app = name.startsWith("io.reprotect") && !name.startsWith("io.reprotect.local")
                    && r.getLevel().intValue() >= Level.INFO.intValue();
            boolean sdk = name.startsWith("com.azure") && r.getLevel().intValue() >= Level.WARNING.intValue();
            if (app || sdk) {
                records.incrementAndGet();
                bytes.addAndGet(formatter.formatMessage(r).getBytes(StandardCharsets.UTF_8).length);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
