package io.reprotect.local.arm;

import io.reprotect.local.arm.ThrottlingBudgets.Policy;
import java.time.Duration;
import java.util.List;

/**
 * ASSUMPTIONS: every throttling budget of the stand-in that Microsoft does not document, in one place, each with
 * what it rests on. Microsoft documents ARM's buckets and Compute's VM policies ({@link ThrottlingBudgets}); the
 * disk resource provider (disks, snapshots, their access grants and operations) publishes no limits. Where the
 * Azure SDKs' and others' recorded answers show a policy's remaining count on a fresh subscription, its size is
 * that count plus one ("recorded"); where no answer was found, the size is a guess ("no source"). These answers
 * predate Compute's 2024 per-minute buckets and name 3- and 30-minute windows, modelled as buckets of N refilled
 * continuously at N per window. One real run replaces them: the app logs every remaining-budget header it hears
 * ({@code ArmBudgets}), and docs/cost-and-capacity.md gives the measurement plan.
 */
public final class AssumedBudgets {

    /** One assumed budget group: the calls it is charged to, its policies, and what the numbers rest on. */
    public record Assumption(String calls, List<Policy> policies, String basis) {
    }

    /**
     * ASSUMPTION, recorded: PUT of a managed disk. {@code CreateUpdateDisks3Min;999,CreateUpdateDisks30Min;7999}
     * on a disk PUT (recorded answer, 2021-11, australiacentral).
     */
    public static final Assumption DISK_WRITE = new Assumption("PUT disk",
            windows("CreateUpdateDisks", 1_000, 8_000),
            "recorded: a disk PUT answered CreateUpdateDisks3Min;999 and 30Min;7999 (2021)");

    /** ASSUMPTION, recorded for disks: DELETE of a disk; snapshot DELETE assumed to draw on the same policy. */
    public static final Assumption DISK_DELETE = new Assumption("DELETE disk, DELETE snapshot",
            windows("DeleteDisks", 3_000, 24_000),
            "recorded for a disk DELETE: DeleteDisks3Min;2999 and 30Min;23999 (2021); snapshot DELETE: no source, "
                    + "assumed the same");

    /** ASSUMPTION, recorded: GET of a disk or snapshot (the disk resource provider's own LowCostGet). */
    public static final Assumption DISK_READ = new Assumption("GET disk, GET snapshot",
            windows("LowCostGet", 15_000, 120_000),
            "recorded for a disk GET: LowCostGet3Min;14999 and 30Min;119997 (2021); snapshot GET assumed the same");

    /** ASSUMPTION, recorded: listing disks or snapshots. */
    public static final Assumption DISK_LIST = new Assumption("list disks, list snapshots",
            windows("HighCostGet", 240, 1_920),
            "recorded for a disk list: HighCostGet3Min;238 and 30Min;1918 (2021)");

    /** ASSUMPTION, recorded for VM operations before 2024: polls of disk and snapshot operations. */
    public static final Assumption DISK_OPERATION_POLL = new Assumption("GET .../DiskOperations/{id}",
            windows("GetOperation", 50_000, 400_000),
            "recorded for an operation poll before Compute's 2024 VM buckets: GetOperation3Min;49999 and "
                    + "30Min;399976; DiskOperations polls assumed to draw on it");

    /** ASSUMPTION, no source: PUT of a snapshot. */
    public static final Assumption SNAPSHOT_CREATE = new Assumption("PUT snapshot",
            windows("HighCostSnapshotCreate", 120, 960),
            "no source: no recorded answer names a snapshot policy; a guess, tighter than disk PUT");

    /** ASSUMPTION, no source: beginGetAccess / endGetAccess on a disk or snapshot. */
    public static final Assumption DISK_ACCESS = new Assumption("POST beginGetAccess, POST endGetAccess",
            windows("HighCostDiskAccess", 120, 960),
            "no source: no recorded answer names a disk-access policy; a guess, tighter than disk PUT");

    /**
     * ASSUMPTION, no source: the header names of Compute's documented VM policies. The page gives categories and
     * numbers, no names; the stand-in spells them {@code <Category>Subscription} and {@code <Category>Resource}.
     */
    public static final String POLICY_NAMES = "Compute's VM policies are named <Category>Subscription and "
            + "<Category>Resource in the header (no source names them)";

    /**
     * ASSUMPTION, no source: calls Compute does not throttle in the stand-in beyond ARM's buckets (no documented or
     * recorded policy): restore point collections and restore points (PUT, GET, DELETE).
     */
    public static final String UNTHROTTLED = "restore point collections and restore points: ARM's buckets only";

    /** Every assumed budget group, in the order of docs/cost-and-capacity.md's table. */
    public static final List<Assumption> ALL = List.of(DISK_ACCESS, SNAPSHOT_CREATE, DISK_WRITE, DISK_DELETE,
            DISK_READ, DISK_LIST, DISK_OPERATION_POLL);

    private AssumedBudgets() {
    }

    private static List<Policy> windows(String name, long per3Min, long per30Min) {
        return List.of(Policy.assumedWindow(name + "3Min", per3Min, Duration.ofMinutes(3)),
                Policy.assumedWindow(name + "30Min", per30Min, Duration.ofMinutes(30)));
    }
}
