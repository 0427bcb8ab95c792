package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.RestorePointInfo;
import io.reprotect.cloud.RestorePoints;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.request.ResourceId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Captures every source disk at one instant with a VM restore point, in a collection per protected
 * item next to the VM ({@code reprotect-<item id>}), application- or crash-consistent as
 * {@link RestorePointSchedule} decided. Its disk restore points are incremental snapshots of the disks:
 * the copy diffs and reads them like snapshots.
 *
 * <p>Limits kept: a restore point only when {@link RestorePointSchedule} says one is due (Azure's minimum
 * frequencies), the previous one deleted once the new one is the base, so a VM has at most two of ours
 * (Azure keeps at most 500 per VM, and allows no concurrent creation). Any refusal but access denied,
 * throttling included, leaves the cycle to per-disk snapshots, and so does a creation that ends Failed: a cycle
 * never waits for a restore point. Nothing here waits for Azure either: {@link #begin} sends the create and
 * returns, {@link #check} makes one call, and {@link SnapshotSourceDisks} checks again on its next run.
 *
 * <p>Idempotency: the point's name derives from the cycle's job; a rerun finds it and does not create it again.
 */
@Singleton
public class RestorePointCapture {

    private static final Logger LOG = Logger.getLogger(RestorePointCapture.class);

    private final RestorePoints restorePoints;

    public RestorePointCapture(RestorePoints restorePoints) {
        this.restorePoints = restorePoints;
    }

    /**
     * A captured restore point.
     *
     * @param diskPoints the disk restore point of each source disk, in disk order
     * @param mode the consistency Azure reports for it
     * @param timeCreated when Azure created it (the disks' capture instant), null if it did not say
     */
    public record Captured(String pointId, String mode, List<String> diskPoints, Instant timeCreated) {
    }

    /** The item's restore point collection, in the VM's subscription and resource group. */
    public static String collectionId(ProtectedItem item) {
        ResourceId vm = ResourceId.parse(item.vmId());
        return "/subscriptions/" + vm.subscriptionId() + "/resourceGroups/" + vm.resourceGroup()
                + "/providers/Microsoft.Compute/restorePointCollections/reprotect-" + item.id();
    }

    static String pointName(String jobId) {
        return "reprotect-cycle-" + jobId;
    }

    static String pointId(ProtectedItem item, String jobId) {
        return collectionId(item) + "/restorePoints/" + pointName(jobId);
    }

    /**
     * Begins the restore point (the collection first, a plain PUT), or finds the one a previous run took, and
     * returns at once. Empty when Azure refuses it (the cycle then snapshots disk by disk); throws only on access
     * denied.
     */
    public Optional<PendingOperation> begin(ProtectedItem item, String region, String jobId,
            boolean applicationConsistent) {
        String collection = collectionId(item);
        try {
            restorePoints.ensureCollection(collection, item.vmId(), region, Map.of("created-by", "vm-reprotect",
                    "reprotect-item", item.id()));
            return Optional.of(restorePoints.beginCreate(collection, pointName(jobId), applicationConsistent));
        } catch (CloudException.Forbidden e) {
            throw e;
        } catch (CloudException e) {
            LOG.warnf("restore point of %s refused (%s %s); this cycle snapshots disk by disk", item.vmId(),
                    e.errorCode(), e.getMessage());
            return Optional.empty();
        }
    }

    /** One call: where the restore point's creation is. */
    public OperationCheck check(PendingOperation operation) {
        return restorePoints.check(operation);
    }

    /**
     * The restore point created, with a disk restore point of every source disk in disk order; empty when Azure
     * has it without one of the disks (the cycle then snapshots disk by disk).
     */
    public Optional<Captured> captured(String pointId, List<String> disks) {
        Optional<RestorePointInfo> found = restorePoints.find(pointId);
        if (found.isEmpty()) {
            LOG.warnf("restore point %s succeeded but cannot be read; this cycle snapshots disk by disk", pointId);
            return Optional.empty();
        }
        RestorePointInfo point = found.get();
        List<String> diskPoints = new ArrayList<>();
        for (String disk : disks) {
            String diskPoint = point.diskRestorePointOf(disk);
            if (diskPoint == null) {
                LOG.warnf("restore point %s has no disk restore point of %s; this cycle snapshots disk by disk",
                        point.id(), disk);
                return Optional.empty();
            }
            diskPoints.add(diskPoint);
        }
        return Optional.of(new Captured(point.id(), point.consistencyMode(), diskPoints, point.timeCreated()));
    }
}
