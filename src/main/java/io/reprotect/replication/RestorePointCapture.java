package io.reprotect.replication;

import io.reprotect.cloud.CloudException;
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
 * throttling included, leaves the cycle to per-disk snapshots: a cycle never waits for a restore point.
 *
 * <p>Idempotency: the point's name derives from the cycle's job; a rerun finds it and returns it.
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
     * Takes the restore point, or finds the one a previous run took. Empty when Azure
     * refuses or fails it (the cycle then snapshots disk by disk); throws only on access denied.
     */
    public Optional<Captured> capture(ProtectedItem item, String region, List<String> disks, String jobId,
            boolean applicationConsistent) {
        String collection = collectionId(item);
        RestorePointInfo point;
        try {
            restorePoints.ensureCollection(collection, item.vmId(), region, Map.of("created-by", "vm-reprotect",
                    "reprotect-item", item.id()));
            point = restorePoints.create(collection, pointName(jobId), applicationConsistent);
        } catch (CloudException.Forbidden e) {
            throw e;
        } catch (CloudException e) {
            LOG.warnf("restore point of %s refused (%s %s); this cycle snapshots disk by disk", item.vmId(),
                    e.errorCode(), e.getMessage());
            return Optional.empty();
        }
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
