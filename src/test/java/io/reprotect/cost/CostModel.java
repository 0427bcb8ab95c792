package io.reprotect.cost;

import static io.reprotect.cost.AzurePrices.*;

import io.reprotect.cost.AzurePrices.RegionPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what one protected VM costs per replication cycle, in counts, into dollars a month with {@link AzurePrices}.
 * Pure arithmetic: the counts come from a measured run ({@code CostModelBenchmark}) or a test.
 *
 * <p>Counts are per VM per cycle, shared work already divided by the items that shared it, by the kinds of
 * {@link CallMeter} and these: {@code executions}, {@code execution seconds} (local wall time),
 * {@code billed execution seconds} (the same with each execution counted as at least the 1 s minimum),
 * {@code service bus *}, {@link #BYTES_CHANGED} and {@link #LOG_BYTES}.
 *
 * <p>Execution time in Azure: the local time, less the stand-in's poll waits ({@code lro poll in-process *} x
 * {@link Scenario#localPollInterval}), plus, for each operation awaited in-process ({@code lro awaited *}), the
 * wait Azure imposes: Compute's default poll interval (30 s; Compute answers {@code Retry-After: 0}, which the
 * SDK does not honour as a wait), Disk RP's {@code Retry-After: 2}, Storage's 17 s, Network's 10 s. One interval
 * per operation: the least it can cost, since no operation finishes before the first poll.
 */
public final class CostModel {

    /** Kind: bytes of source disk written since the last cycle (what the cycle copies across regions). */
    public static final String BYTES_CHANGED = "bytes changed";
    /** Kind: bytes of log records the app wrote (message text), measured. */
    public static final String LOG_BYTES = "log bytes";
    /** Kind: log records the app wrote, measured. */
    public static final String LOG_RECORDS = "log records";
    /**
     * Records the Functions host and the app's telemetry write per execution, besides the app's own log lines:
     * the request, the host's "Executing" and "Executed" traces, and the stage span. An assumption.
     */
    public static final int TELEMETRY_RECORDS_PER_EXECUTION = 4;
    /** Billed size of a telemetry record without its message (its columns). An assumption. */
    public static final int BILLED_BYTES_PER_RECORD = 500;
    static final double GB = 1e9;
    static final double GIB = 1L << 30;
    static final double HOURS_PER_MONTH = 730;

    /** What is priced besides the counts. */
    public record Scenario(double cyclesPerMonth, double instanceGb, double vmDiskGib, double pointsKept,
                           RegionPair pair, Map<CallMeter.LroFamily, Duration> azureWait, Duration localPollInterval,
                           int alwaysReadyInstances, int logSearchAlerts, int metricAlertSeries) {

        /** The default policy (every 5 minutes, 24 h kept), a 128 GiB VM, 2048 MB instances, the infra's alerts. */
        public static Scenario defaults(RegionPair pair) {
            return new Scenario(30.0 * 24 * 60 / 5, 2048 / 1024.0, 128, 24 * 60 / 5.0, pair,
                    Map.of(CallMeter.LroFamily.COMPUTE, Duration.ofSeconds(30), CallMeter.LroFamily.DISK,
                            Duration.ofSeconds(2), CallMeter.LroFamily.STORAGE, Duration.ofSeconds(17),
                            CallMeter.LroFamily.NETWORK, Duration.ofSeconds(10)),
                    Duration.ofMillis(20), 0, 1, 1);
        }
    }

    /** Dollars a month, by line, in four groups that are never added across. */
    public record Bill(Map<String, Double> orchestration, Map<String, Double> perVmApart,
                       Map<String, Double> asr, Map<String, Double> perDeployment, Map<String, Double> facts) {

        public double orchestrationTotal() {
            return orchestration.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final Scenario s;

    public CostModel(Scenario scenario) {
        this.s = scenario;
    }

    /** Instance-seconds one cycle is billed in Azure, operations awaited in-process at Azure's intervals. */
    public double secondsWithAzureWaits(Map<String, Double> c) {
        double waits = 0;
        for (CallMeter.LroFamily f : CallMeter.LroFamily.values()) {
            waits += get(c, "lro awaited " + f.label()) * s.azureWait().get(f).toNanos() / 1e9;
        }
        return secondsWithoutWaits(c) + waits;
    }

    /** Instance-seconds one cycle is billed once nothing waits in-process: the local time less the stand-in's waits. */
    public double secondsWithoutWaits(Map<String, Double> c) {
        double localWaits = sum(c, "lro poll in-process ") * s.localPollInterval().toNanos() / 1e9;
        double billed = c.containsKey("billed execution seconds") ? get(c, "billed execution seconds")
                : get(c, "execution seconds");
        double floor = get(c, "executions") * FUNCTIONS_MINIMUM_BILLED_SECONDS.value();
        return Math.max(floor, billed - localWaits);
    }

    /** Service Bus operations one VM makes a month. */
    public double serviceBusOperationsPerMonth(Map<String, Double> c) {
        return sum(c, "service bus ") * s.cyclesPerMonth();
    }

    /** The monthly bill of one VM with these per-cycle counts, and the deployment's fixed costs. */
    public Bill bill(Map<String, Double> c) {
        double n = s.cyclesPerMonth();
        Map<String, Double> o = new LinkedHashMap<>();
        o.put("Functions executions", get(c, "executions") * n * FUNCTIONS_ON_DEMAND_PER_MILLION_EXECUTIONS.value() / 1e6);
        o.put("Functions GB-s (Azure's operation waits, in-process)", secondsWithAzureWaits(c) * n * s.instanceGb()
                * FUNCTIONS_ON_DEMAND_GB_SECOND.value());
        o.put("Service Bus operations (inside the 13M included)", 0.0);
        o.put("Job store transactions", ((get(c, "job store write") + get(c, "job store list"))
                * BLOB_HOT_LRS_WRITES_PER_10K.value() + get(c, "job store read") * BLOB_HOT_LRS_READS_PER_10K.value())
                / 1e4 * n);
        o.put("Page blob transactions", pageBlobOperations(c) * n * PAGE_BLOB_OPERATIONS_PER_10K.value() / 1e4);
        o.put("Log Analytics ingestion", logGbPerCycle(c) * n * LOG_ANALYTICS_PER_GB.value());

        Map<String, Double> apart = new LinkedHashMap<>();
        double changedGb = get(c, BYTES_CHANGED) * n / GB;
        apart.put("Egress between regions (" + s.pair().name() + ")", changedGb * s.pair().egress().value());
        apart.put("Replica page blobs", s.vmDiskGib() * PAGE_BLOB_PER_GB_MONTH.value());
        apart.put("Base incremental snapshots (LRS)", s.vmDiskGib() * SNAPSHOT_LRS_PER_GB_MONTH.value());
        double pointsGib = get(c, BYTES_CHANGED) * s.pointsKept() / GIB;
        apart.put("Recovery points (changed pages kept)", pointsGib * PAGE_BLOB_PER_GB_MONTH.value());

        Map<String, Double> asr = new LinkedHashMap<>();
        asr.put("ASR licence", ASR_PER_INSTANCE_MONTH.value());
        asr.put("ASR replica managed disk (Standard HDD S10)", MANAGED_DISK_STANDARD_HDD_S10_PER_MONTH.value());
        asr.put("ASR recovery point snapshots (changed data kept)", pointsGib * SNAPSHOT_LRS_PER_GB_MONTH.value());
        asr.put("ASR egress between regions (the same bytes)", changedGb * s.pair().egress().value());

        Map<String, Double> fixed = new LinkedHashMap<>();
        fixed.put("Service Bus Standard namespace (base charge)", SERVICE_BUS_BASE_PER_HOUR.value() * HOURS_PER_MONTH);
        fixed.put("Always-ready instances (" + s.alwaysReadyInstances() + ")", s.alwaysReadyInstances()
                * s.instanceGb() * HOURS_PER_MONTH * 3600 * FUNCTIONS_ALWAYS_READY_BASELINE_GB_SECOND.value());
        fixed.put("Alerts", s.logSearchAlerts() * LOG_SEARCH_ALERT_5_MINUTES_PER_MONTH.value()
                + s.metricAlertSeries() * METRIC_ALERT_PER_TIME_SERIES_MONTH.value());

        Map<String, Double> facts = new LinkedHashMap<>();
        facts.put("Functions GB-s once nothing waits in-process", secondsWithoutWaits(c) * n * s.instanceGb()
                * FUNCTIONS_ON_DEMAND_GB_SECOND.value());
        double sbOps = serviceBusOperationsPerMonth(c);
        facts.put("VMs the 13M included Service Bus operations cover", sbOps == 0 ? Double.POSITIVE_INFINITY
                : SERVICE_BUS_INCLUDED_OPERATIONS.value() / sbOps);
        facts.put("Service Bus operations per VM past them", sbOps * SERVICE_BUS_PER_MILLION_OPERATIONS.value() / 1e6);
        facts.put("Page blob transactions at hot block blob rates (upper case)",
                (pageBlobWrites(c) * BLOB_HOT_LRS_WRITES_PER_10K.value()
                        + (pageBlobOperations(c) - pageBlobWrites(c)) * BLOB_HOT_LRS_READS_PER_10K.value()) / 1e4 * n);
        facts.put("Base snapshots at ZRS (no SKU set)", s.vmDiskGib() * SNAPSHOT_ZRS_PER_GB_MONTH.value());
        return new Bill(o, apart, asr, fixed, facts);
    }

    /** Billed log volume of one cycle, GB: the app's lines plus the host's and telemetry's records per execution. */
    public double logGbPerCycle(Map<String, Double> c) {
        double records = get(c, LOG_RECORDS) + get(c, "executions") * TELEMETRY_RECORDS_PER_EXECUTION;
        return (get(c, LOG_BYTES) + records * BILLED_BYTES_PER_RECORD) / GB;
    }

    /**
     * Billed Blob service transactions on replicas and source snapshots: everything but the job store, the local
     * writer's reads and deletes (Delete Blob, of a blob or a snapshot, is free on general-purpose v2:
     * learn.microsoft.com map-rest-apis-transaction-categories).
     */
    static double pageBlobOperations(Map<String, Double> c) {
        return sum(c, "blob ") - get(c, "blob delete") - get(c, "blob snapshot delete") + sum(c, "put page")
                + get(c, "clear pages") + sum(c, "get page ranges") + get(c, "source get page ranges diff")
                + get(c, "source get pagelist") + get(c, "source head blob");
    }

    /** The write-class ones among them (Put Page, Put Page From URL, Clear Pages, Copy Blob, Put Blob). */
    static double pageBlobWrites(Map<String, Double> c) {
        return sum(c, "put page") + get(c, "clear pages") + get(c, "blob copy") + get(c, "blob create");
    }

    static double get(Map<String, Double> c, String kind) {
        return c.getOrDefault(kind, 0.0);
    }

    static double sum(Map<String, Double> c, String prefix) {
        return c.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }
}
