package io.reprotect.cloud.azure;

import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.RestorePointCollectionInner;
import com.azure.resourcemanager.compute.fluent.models.RestorePointInner;
import com.azure.resourcemanager.compute.models.ConsistencyModeTypes;
import com.azure.resourcemanager.compute.models.RestorePointCollectionSourceProperties;
import com.azure.resourcemanager.compute.models.RestorePointSourceMetadata;
import com.azure.resourcemanager.compute.models.RestorePointSourceVMDataDisk;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.RestorePointInfo;
import io.reprotect.cloud.RestorePoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RestorePoints} on ARM: restore point collections and restore points (PUT, a long-running
 * operation), disk restore points read through the collection. Crash-consistent points send
 * {@code consistencyMode: CrashConsistent}; application-consistent ones omit it (Azure's default),
 * and the mode Azure reports is what is recorded.
 */
@ApplicationScoped
public class AzureRestorePoints implements RestorePoints {

    static final String COLLECTION_TYPE = "Microsoft.Compute/restorePointCollections";
    private final ArmManagers managers;

    public AzureRestorePoints(ArmManagers managers) {
        this.managers = managers;
    }

    private ComputeManagementClient client(String subscriptionId) {
        return managers.of(subscriptionId).compute().serviceClient();
    }

    /** Segments of a restore point id: subscription, group, collection[, point[, disk point]]. */
    record Path(String subscriptionId, String resourceGroup, String collection, String point, String diskPoint) {

        static Path of(String id) {
            String[] s = id.startsWith("/") ? id.substring(1).split("/") : id.split("/");
            if (s.length < 8 || !s[0].equalsIgnoreCase("subscriptions") || !s[2].equalsIgnoreCase("resourceGroups")
                    || !s[4].equalsIgnoreCase("providers") || !(s[5] + "/" + s[6]).equalsIgnoreCase(COLLECTION_TYPE)) {
                throw new IllegalArgumentException("Expected a restore point collection id, got '" + id + "'");
            }
            return new Path(s[1], s[3], s[7], s.length >= 10 ? s[9] : null, s.length >= 12 ? s[11] : null);
        }
    }

    @Override
    public void ensureCollection(String collectionId, String vmId, String region, Map<String, String> tags) {
        Path p = Path.of(collectionId);
        RestorePointCollectionInner body = new RestorePointCollectionInner().withLocation(region).withTags(tags)
                .withSource(new RestorePointCollectionSourceProperties().withId(vmId));
        ArmErrors.call("Creating restore point collection " + collectionId,
                () -> client(p.subscriptionId()).getRestorePointCollections()
                        .createOrUpdate(p.resourceGroup(), p.collection(), body));
    }

    @Override
    public RestorePointInfo create(String collectionId, String name, boolean applicationConsistent) {
        Path p = Path.of(collectionId);
        Optional<RestorePointInfo> existing = find(collectionId + "/restorePoints/" + name);
        if (existing.isPresent() && "Succeeded".equalsIgnoreCase(existing.get().provisioningState())) {
            return existing.get();
        }
        RestorePointInner body = new RestorePointInner();
        if (!applicationConsistent) {
            body.withConsistencyMode(ConsistencyModeTypes.CRASH_CONSISTENT);
        }
        return toInfo(ArmErrors.call("Creating restore point " + name + " in " + collectionId,
                () -> client(p.subscriptionId()).getRestorePoints().create(p.resourceGroup(), p.collection(), name, body)));
    }

    @Override
    public PendingOperation beginCreate(String collectionId, String name, boolean applicationConsistent) {
        Path p = Path.of(collectionId);
        String pointId = collectionId + "/restorePoints/" + name;
        Optional<RestorePointInfo> existing = find(pointId);
        if (existing.isPresent() && "Succeeded".equalsIgnoreCase(existing.get().provisioningState())) {
            return PendingOperation.done(pointId, false);
        }
        RestorePointInner body = new RestorePointInner();
        if (!applicationConsistent) {
            body.withConsistencyMode(ConsistencyModeTypes.CRASH_CONSISTENT);
        }
        return ArmOperations.begin(managers, "Creating restore point " + name + " in " + collectionId, pointId, false,
                () -> client(p.subscriptionId()).getRestorePoints().createWithResponseAsync(p.resourceGroup(),
                        p.collection(), name, body));
    }

    @Override
    public PendingOperation beginDelete(String restorePointId) {
        Path p = Path.of(restorePointId);
        return ArmOperations.begin(managers, "Deleting restore point " + restorePointId, restorePointId, true,
                () -> client(p.subscriptionId()).getRestorePoints().deleteWithResponseAsync(p.resourceGroup(),
                        p.collection(), p.point()));
    }

    @Override
    public OperationCheck check(PendingOperation operation) {
        return ArmOperations.check(managers, (operation.deleting() ? "Deleting" : "Creating") + " restore point "
                + operation.resourceId(), operation);
    }

    @Override
    public Optional<RestorePointInfo> find(String restorePointId) {
        Path p = Path.of(restorePointId);
        try {
            return Optional.of(toInfo(ArmErrors.call("Reading restore point " + restorePointId,
                    () -> client(p.subscriptionId()).getRestorePoints().get(p.resourceGroup(), p.collection(), p.point()))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean diskRestorePointExists(String diskRestorePointId) {
        Path p = Path.of(diskRestorePointId);
        try {
            ArmErrors.call("Reading disk restore point " + diskRestorePointId, () -> client(p.subscriptionId())
                    .getDiskRestorePoints().get(p.resourceGroup(), p.collection(), p.point(), p.diskPoint()));
            return true;
        } catch (CloudException.NotFound e) {
            return false;
        }
    }

    @Override
    public void delete(String restorePointId) {
        Path p = Path.of(restorePointId);
        try {
            ArmErrors.run("Deleting restore point " + restorePointId, () -> client(p.subscriptionId())
                    .getRestorePoints().delete(p.resourceGroup(), p.collection(), p.point()));
        } catch (CloudException.NotFound e) {
            // already gone
        }
    }

    @Override
    public void deleteCollection(String collectionId) {
        Path p = Path.of(collectionId);
        try {
            ArmErrors.run("Deleting restore point collection " + collectionId, () -> client(p.subscriptionId())
                    .getRestorePointCollections().delete(p.resourceGroup(), p.collection()));
        } catch (CloudException.NotFound e) {
            // already gone
        }
    }

    /** Grants read access to a disk restore point (its SAS URL answers page-range diffs like a snapshot's). */
    com.azure.resourcemanager.compute.fluent.models.AccessUriInner grant(String diskRestorePointId,
            com.azure.resourcemanager.compute.models.GrantAccessData data) {
        Path p = Path.of(diskRestorePointId);
        return client(p.subscriptionId()).getDiskRestorePoints()
                .grantAccess(p.resourceGroup(), p.collection(), p.point(), p.diskPoint(), data);
    }

    /** Revokes read access to a disk restore point. */
    void revoke(String diskRestorePointId) {
        Path p = Path.of(diskRestorePointId);
        client(p.subscriptionId()).getDiskRestorePoints()
                .revokeAccess(p.resourceGroup(), p.collection(), p.point(), p.diskPoint());
    }

    private static RestorePointInfo toInfo(RestorePointInner point) {
        Map<String, String> disks = new HashMap<>();
        RestorePointSourceMetadata meta = point.sourceMetadata();
        if (meta != null && meta.storageProfile() != null) {
            var os = meta.storageProfile().osDisk();
            if (os != null && os.managedDisk() != null && os.diskRestorePoint() != null) {
                disks.put(os.managedDisk().id().toLowerCase(Locale.ROOT), os.diskRestorePoint().id());
            }
            if (meta.storageProfile().dataDisks() != null) {
                for (RestorePointSourceVMDataDisk d : meta.storageProfile().dataDisks()) {
                    if (d.managedDisk() != null && d.diskRestorePoint() != null) {
                        disks.put(d.managedDisk().id().toLowerCase(Locale.ROOT), d.diskRestorePoint().id());
                    }
                }
            }
        }
        return new RestorePointInfo(point.id(), point.consistencyMode() == null ? null : point.consistencyMode().toString(),
                point.timeCreated() == null ? null : point.timeCreated().toInstant(), disks, point.provisioningState());
    }
}
