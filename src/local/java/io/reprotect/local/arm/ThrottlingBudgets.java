package io.reprotect.local.arm;

import java.time.Duration;
import java.util.List;

/**
 * The budgets the stand-in's {@link Throttling} enforces, with where each number comes from.
 *
 * <p>Azure Resource Manager (per subscription, per region, per operation type), from Microsoft's
 * "Understand how Azure Resource Manager throttles requests"
 * (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling, the
 * regional token-bucket table, read 2026-11): reads bucket 250 refilled at 25/s, writes 200 at 10/s,
 * deletes 200 at 10/s. It answers with {@code x-ms-ratelimit-remaining-subscription-reads},
 * {@code -writes} and {@code -deletes}.
 *
 * <p>The Compute resource provider's own policies (per subscription, per region), from "Troubleshooting
 * API throttling errors" (learn.microsoft.com/troubleshoot/azure/virtual-machines/troubleshooting-throttling-errors):
 * each answer carries {@code x-ms-ratelimit-remaining-resource: Microsoft.Compute/<policy>;<remaining>,...}.
 * Microsoft does not publish the limits; the ones here are what real answers in the Azure SDKs' recorded
 * sessions show as remaining on a fresh subscription, plus one: GetOperation3Min 50000 / 30Min 400000 (LRO
 * polls), CreateUpdateDisks3Min 1000 / 30Min 8000 (disk PUT), LowCostGet3Min 4000 / 30Min 32000 (VM GET),
 * disk and snapshot GET LowCostGet3Min 15000 / 30Min 120000. The snapshot-create and disk-access policies
 * ({@link #SNAPSHOT_CREATE}, {@link #DISK_ACCESS}) are assumed (no recording found): deliberately tighter than
 * disk PUT, because those are the calls a replication cycle makes per disk.
 *
 * @param armScale        multiplies ARM's bucket sizes and refill rates (0.01 = a hundredth of Azure's budget)
 * @param computeScale    multiplies the Compute policies' limits
 * @param timeCompression how many times faster than real time buckets refill and windows pass, for
 *                        compressed-time runs; Retry-After shrinks by the same factor
 * @param armRegion       the region whose Resource Manager buckets the caller draws on (ARM throttles per region
 *                        of the ARM instance serving the caller; the stand-in is one such region)
 */
public record ThrottlingBudgets(double armScale, double computeScale, double timeCompression, String armRegion) {

    /** ARM reads: bucket size and refill per second. */
    public static final Bucket ARM_READS = new Bucket("reads", 250, 25);
    /** ARM writes (PUT, PATCH, POST). */
    public static final Bucket ARM_WRITES = new Bucket("writes", 200, 10);
    /** ARM deletes. */
    public static final Bucket ARM_DELETES = new Bucket("deletes", 200, 10);

    /** Polls of Compute long-running operations ({@code /locations/{region}/operations/{id}}). */
    public static final List<Policy> GET_OPERATION = windows("GetOperation", 50_000, 400_000);
    /** PUT of a managed disk. */
    public static final List<Policy> DISK_WRITE = windows("CreateUpdateDisks", 1_000, 8_000);
    /** PUT of a snapshot (assumed limits, see the class comment). */
    public static final List<Policy> SNAPSHOT_CREATE = windows("HighCostSnapshotCreate", 120, 960);
    /** beginGetAccess / endGetAccess on a disk or snapshot (assumed limits). */
    public static final List<Policy> DISK_ACCESS = windows("HighCostDiskAccess", 120, 960);
    /** GET of a VM. */
    public static final List<Policy> VM_READ = windows("LowCostGet", 4_000, 32_000);
    /** GET of a disk or snapshot (the disk RP's own LowCostGet). */
    public static final List<Policy> DISK_READ = windows("LowCostGet", 15_000, 120_000);

    /** One ARM bucket. */
    public record Bucket(String operationType, long size, double refillPerSecond) {
    }

    /** One Compute policy: at most {@code limit} calls per {@code window}. */
    public record Policy(String name, long limit, Duration window) {
    }

    public ThrottlingBudgets {
        if (!(armScale > 0) || !(computeScale > 0) || !(timeCompression > 0)) {
            throw new IllegalArgumentException("armScale, computeScale and timeCompression must be > 0");
        }
    }

    /** Azure's budgets in real time, ARM region westeurope. */
    public static ThrottlingBudgets azure() {
        return new ThrottlingBudgets(1, 1, 1, ArmStandIn.PRIMARY_REGION);
    }

    /** Every budget (ARM's and Compute's) times {@code scale}. */
    public ThrottlingBudgets scaledBy(double scale) {
        return new ThrottlingBudgets(scale, scale, timeCompression, armRegion);
    }

    /** Only the Compute policies' limits times {@code scale}; ARM's buckets unchanged. */
    public ThrottlingBudgets computeScaledBy(double scale) {
        return new ThrottlingBudgets(armScale, scale, timeCompression, armRegion);
    }

    /** Buckets refill and windows pass {@code factor} times faster than in Azure. */
    public ThrottlingBudgets compressedBy(double factor) {
        return new ThrottlingBudgets(armScale, computeScale, factor, armRegion);
    }

    long armSize(Bucket b) {
        return Math.max(1, Math.round(b.size() * armScale));
    }

    long computeSize(Policy p) {
        return Math.max(1, Math.round(p.limit() * computeScale));
    }

    /** Refill per second of a bucket whose (scaled) size is refilled over {@code window} of real Azure time. */
    double refill(long scaledSize, Duration window) {
        return scaledSize / (window.toNanos() / 1e9) * timeCompression;
    }

    double refill(Bucket b) {
        return Math.max(b.refillPerSecond() * armScale, 1e-3) * timeCompression;
    }

    private static List<Policy> windows(String name, long per3Min, long per30Min) {
        return List.of(new Policy(name + "3Min", per3Min, Duration.ofMinutes(3)),
                new Policy(name + "30Min", per30Min, Duration.ofMinutes(30)));
    }
}
