package io.reprotect.local.arm;

import java.time.Duration;
import java.util.List;

/**
 * The budgets the stand-in's {@link Throttling} enforces that Microsoft documents, with their sources. Every budget
 * Microsoft does not document (the disk resource provider's: disk and snapshot writes, reads, deletes, access
 * grants, their operation polls) is in {@link AssumedBudgets}, each marked ASSUMPTION with what it rests on.
 *
 * <p>Azure Resource Manager, from "Understand how Azure Resource Manager throttles requests"
 * (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling, regional throttling
 * and token bucket algorithm, since 2024): per subscription, per service principal and per operation type, in each
 * region, a bucket of reads 250 refilled at 25 per second, deletes 200 at 10, writes 200 at 10; and a global
 * subscription bucket across all principals of 15 times each (size and refill). Answers carry
 * {@code x-ms-ratelimit-remaining-subscription-reads|writes|deletes} and
 * {@code x-ms-ratelimit-remaining-subscription-global-reads|writes|deletes}; recorded answers of 2024-2025 show
 * {@code 249} and {@code 3749} after the first read.
 *
 * <p>Compute's VM policies, from "Compute throttling limits"
 * (learn.microsoft.com/azure/virtual-machines/compute-throttling-limits, 2024-05-27): token buckets per resource and
 * per subscription and region, filled to their maximum capacity when created and replenished every minute by their
 * refill rate. Answers carry {@code x-ms-ratelimit-remaining-resource: Microsoft.Compute/<policy>;<left>,...}
 * ("Troubleshooting API throttling errors", call rate informational response headers). The page does not name the
 * policies as the header spells them: the names here ({@code LowCostGetVMSubscription}, {@code LowCostGetVMResource},
 * ...) are the stand-in's (an assumption listed in {@link AssumedBudgets#POLICY_NAMES}).
 *
 * @param armScale        multiplies ARM's bucket sizes and refill rates (0.01 = a hundredth of Azure's budget)
 * @param computeScale    multiplies the sizes and refills of Compute's subscription-level budgets (documented and
 *                        assumed); per-resource budgets are never scaled: a stand-in VM is one VM
 * @param timeCompression how many times faster than real time buckets refill, for compressed-time runs;
 *                        Retry-After shrinks by the same factor
 * @param armRegion       the region whose Resource Manager buckets the caller draws on (ARM throttles per region
 *                        of the ARM instance serving the caller; the stand-in is one such region)
 */
public record ThrottlingBudgets(double armScale, double computeScale, double timeCompression, String armRegion) {

    /** ARM reads: bucket size and refill per second, per subscription, principal and region. */
    public static final Bucket ARM_READS = new Bucket("reads", 250, 25);
    /** ARM writes (PUT, PATCH, POST). */
    public static final Bucket ARM_WRITES = new Bucket("writes", 200, 10);
    /** ARM deletes. */
    public static final Bucket ARM_DELETES = new Bucket("deletes", 200, 10);
    /** ARM's global subscription bucket, across all principals, is this many times a principal's (size and refill). */
    public static final int ARM_GLOBAL_FACTOR = 15;

    /** Compute's VM policies refill once a minute. */
    public static final Duration MINUTE = Duration.ofMinutes(1);

    /** Put VM (create a VM): per VM 12, refilled by 4 a minute; per subscription 1,500, refilled by 500. */
    public static final List<Policy> PUT_VM = vm("PutVM", 12, 4, 1_500, 500);
    /** Update VM (PATCH, PUT of an existing VM, start, power off, restart, extensions, run commands ...). */
    public static final List<Policy> UPDATE_VM = vm("UpdateVM", 12, 4, 1_500, 500);
    /** Delete VM (delete, deallocate, simulate eviction). */
    public static final List<Policy> DELETE_VM = vm("DeleteVM", 12, 4, 1_500, 500);
    /** Low Cost Get VM (GET of one VM, its instance view, its extensions). */
    public static final List<Policy> LOW_COST_GET_VM = vm("LowCostGetVM", 36, 12, 24_000, 8_000);
    /** High Cost Get VM (list VMs): subscription level only. */
    public static final List<Policy> HIGH_COST_GET_VM = List.of(
            Policy.documented("HighCostGetVMSubscription", Scope.SUBSCRIPTION, 900, 300));
    /**
     * Get Operation (status of asynchronous VM operations): per subscription 15,000, refilled by 5,000 a minute.
     * Its per-resource bucket (45, 15 a minute) is not modelled: the poll URL names an operation, not the VM.
     */
    public static final List<Policy> GET_OPERATION = List.of(
            Policy.documented("GetOperationVMSubscription", Scope.SUBSCRIPTION, 15_000, 5_000));

    /** Every documented Compute policy group. */
    public static final List<List<Policy>> DOCUMENTED_COMPUTE = List.of(PUT_VM, UPDATE_VM, DELETE_VM, LOW_COST_GET_VM,
            HIGH_COST_GET_VM, GET_OPERATION);

    /** One ARM bucket. */
    public record Bucket(String operationType, long size, double refillPerSecond) {
    }

    /** What a Compute budget is counted for: the whole subscription (in a region), or each resource. */
    public enum Scope { SUBSCRIPTION, RESOURCE }

    /**
     * One Compute budget: a bucket of {@code capacity}, refilled by {@code refill} tokens per {@code period}, at the
     * end of each period ({@code stepwise}, as the VM policies are documented) or continuously (the assumed
     * windows of the disk resource provider, N calls per W being a bucket of N refilled at N / W).
     *
     * @param documented true when Microsoft publishes these numbers; false for an {@link AssumedBudgets} entry
     */
    public record Policy(String name, Scope scope, long capacity, long refill, Duration period, boolean stepwise,
                         boolean documented) {

        static Policy documented(String name, Scope scope, long capacity, long refillPerMinute) {
            return new Policy(name, scope, capacity, refillPerMinute, MINUTE, true, true);
        }

        /** A window of {@code limit} calls per {@code window} (undocumented), as a continuously refilled bucket. */
        static Policy assumedWindow(String name, long limit, Duration window) {
            return new Policy(name, Scope.SUBSCRIPTION, limit, limit, window, false, false);
        }

        /** How the header and refusals name it: {@code Microsoft.Compute/<name>}. */
        public String budget() {
            return "Microsoft.Compute/" + name;
        }

        /** Calls it admits in a sustained way over {@code interval} (its refill), ignoring the initial burst. */
        public double sustainedPer(Duration interval) {
            return refill * (double) interval.toNanos() / period.toNanos();
        }
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

    /** Every subscription-level budget (ARM's and Compute's) times {@code scale}. */
    public ThrottlingBudgets scaledBy(double scale) {
        return new ThrottlingBudgets(scale, scale, timeCompression, armRegion);
    }

    /** Only Compute's subscription-level budgets times {@code scale}; ARM's buckets unchanged. */
    public ThrottlingBudgets computeScaledBy(double scale) {
        return new ThrottlingBudgets(armScale, scale, timeCompression, armRegion);
    }

    /** Buckets refill {@code factor} times faster than in Azure. */
    public ThrottlingBudgets compressedBy(double factor) {
        return new ThrottlingBudgets(armScale, computeScale, factor, armRegion);
    }

    long armSize(Bucket b, boolean global) {
        return Math.max(1, Math.round(b.size() * armScale * (global ? ARM_GLOBAL_FACTOR : 1)));
    }

    double armRefill(Bucket b, boolean global) {
        return Math.max(b.refillPerSecond() * armScale * (global ? ARM_GLOBAL_FACTOR : 1), 1e-3) * timeCompression;
    }

    long computeSize(Policy p) {
        return p.scope() == Scope.RESOURCE ? p.capacity() : Math.max(1, Math.round(p.capacity() * computeScale));
    }

    /** Tokens a Compute budget gets back per (compressed) period. */
    double computeRefill(Policy p) {
        return p.scope() == Scope.RESOURCE ? p.refill() : Math.max(p.refill() * computeScale, 1e-3);
    }

    /** The period of a Compute budget's refill in the stand-in's time. */
    long computePeriodNanos(Policy p) {
        return Math.max(1, (long) (p.period().toNanos() / timeCompression));
    }

    private static List<Policy> vm(String name, long resourceCapacity, long resourceRefill, long subscriptionCapacity,
                                   long subscriptionRefill) {
        return List.of(Policy.documented(name + "Subscription", Scope.SUBSCRIPTION, subscriptionCapacity,
                        subscriptionRefill),
                Policy.documented(name + "Resource", Scope.RESOURCE, resourceCapacity, resourceRefill));
    }
}
