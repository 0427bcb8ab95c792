package io.reprotect.cloud.azure;

import com.azure.resourcemanager.compute.fluent.DisksClient;
import com.azure.resourcemanager.compute.fluent.SnapshotsClient;
import com.azure.resourcemanager.compute.fluent.models.AccessUriInner;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.models.AccessLevel;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskSku;
import com.azure.resourcemanager.compute.models.DiskStorageAccountTypes;
import com.azure.resourcemanager.compute.models.Encryption;
import com.azure.resourcemanager.compute.models.GrantAccessData;
import com.azure.resourcemanager.compute.models.HyperVGeneration;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.DiskAccess;
import io.reprotect.cloud.DiskImportSpec;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.cloud.RestorePoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ManagedDisks} and {@link DiskAccess} on ARM; access works on disks, snapshots and disk
 * restore points alike.
 */
@ApplicationScoped
public class AzureManagedDisks implements ManagedDisks, DiskAccess {

    static final String DISK_TYPE = "Microsoft.Compute/disks";
    static final String SNAPSHOT_TYPE = "Microsoft.Compute/snapshots";
    /** ARM accepts SAS durations of at least one second. */
    static final Duration MIN_ACCESS = Duration.ofSeconds(1);
    private static final long GIB = 1L << 30;

    private final ArmManagers managers;
    private final AzureRestorePoints restorePoints;

    public AzureManagedDisks(ArmManagers managers) {
        this.managers = managers;
        this.restorePoints = new AzureRestorePoints(managers);
    }

    /** The clients of the disk's or snapshot's own subscription. */
    private DisksClient disks(ResourceId id) {
        return managers.compute(id).serviceClient().getDisks();
    }

    private SnapshotsClient snapshots(ResourceId id) {
        return managers.compute(id).serviceClient().getSnapshots();
    }

    @Override
    public Optional<DiskInfo> find(String diskId) {
        ResourceId id = ArmIds.parse(diskId, DISK_TYPE);
        try {
            DiskInner d = ArmErrors.call("Reading disk " + diskId,
                    () -> disks(id).getByResourceGroup(id.resourceGroupName(), id.name()));
            return Optional.of(toInfo(d));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    /** The disk is created in the subscription of the storage account that holds its blob. */
    @Override
    public DiskInfo importFromBlob(DiskImportSpec spec) {
        String diskId = ArmIds.resourceId(ArmIds.parse(spec.storageAccountId(), null).subscriptionId(),
                spec.resourceGroup(), DISK_TYPE, spec.name());
        ResourceId id = ArmIds.parse(diskId, DISK_TYPE);
        try {
            DiskInner existing = ArmErrors.call("Reading disk " + diskId,
                    () -> disks(id).getByResourceGroup(spec.resourceGroup(), spec.name()));
            String source = existing.creationData() == null ? null : existing.creationData().sourceUri();
            if (!spec.sourceBlobUrl().equals(source)) {
                throw new CloudException.Conflict("Disk " + diskId + " exists and was not imported from "
                        + spec.sourceBlobUrl() + "; it is left untouched: delete or rename it", 409,
                        "DiskExistsFromAnotherSource", null);
            }
            return toInfo(existing);
        } catch (CloudException.NotFound e) {
            // create it below
        }
        DiskInner body = new DiskInner().withLocation(spec.region()).withTags(spec.tags())
                .withSku(new DiskSku().withName(DiskStorageAccountTypes.fromString(spec.sku())))
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.IMPORT)
                        .withSourceUri(spec.sourceBlobUrl()).withStorageAccountId(spec.storageAccountId()));
        if (spec.osType() != null) {
            body.withOsType(OperatingSystemTypes.fromString(spec.osType()));
        }
        if (spec.hyperVGeneration() != null) {
            body.withHyperVGeneration(HyperVGeneration.fromString(spec.hyperVGeneration()));
        }
        if (spec.diskEncryptionSetId() != null) {
            body.withEncryption(new Encryption().withDiskEncryptionSetId(spec.diskEncryptionSetId()));
        }
        return toInfo(ArmErrors.call("Importing disk " + spec.name() + " from " + spec.sourceBlobUrl(),
                () -> disks(id).createOrUpdate(spec.resourceGroup(), spec.name(), body)));
    }

    @Override
    public void delete(String diskId) {
        ResourceId id = ArmIds.parse(diskId, DISK_TYPE);
        try {
            ArmErrors.run("Deleting disk " + diskId, () -> disks(id).delete(id.resourceGroupName(), id.name()));
        } catch (CloudException.NotFound e) {
            // already gone (or its resource group)
        }
    }

    private static DiskInfo toInfo(DiskInner d) {
        int sizeGb = d.diskSizeGB() == null ? 0 : d.diskSizeGB();
        long sizeBytes = d.diskSizeBytes() != null ? d.diskSizeBytes() : sizeGb * GIB;
        return new DiskInfo(d.id(), d.name(), ArmIds.resourceGroupOf(d.id()), ArmIds.region(d.location()), sizeGb, sizeBytes,
                d.sku() == null ? null : String.valueOf(d.sku().name()),
                d.diskState() == null ? null : d.diskState().toString(), d.managedBy(), d.provisioningState(),
                d.creationData() == null ? null : d.creationData().sourceUri(), d.uniqueId(), d.tags());
    }

    @Override
    public AccessGrant grantRead(String diskOrSnapshotId, Duration duration) {
        if (duration.compareTo(MIN_ACCESS) < 0) {
            throw new IllegalArgumentException("SAS duration must be at least " + MIN_ACCESS + ", was " + duration);
        }
        GrantAccessData data = new GrantAccessData().withAccess(AccessLevel.READ)
                .withDurationInSeconds((int) Math.min(Integer.MAX_VALUE, duration.toSeconds()));
        Instant requested = Instant.now();
        if (RestorePoints.isDiskRestorePoint(diskOrSnapshotId)) {
            AccessUriInner granted = ArmErrors.call("Granting read access to " + diskOrSnapshotId,
                    () -> restorePoints.grant(diskOrSnapshotId, data));
            return grant(diskOrSnapshotId, granted, requested.plus(duration));
        }
        ResourceId id = parseDiskOrSnapshot(diskOrSnapshotId);
        AccessUriInner uri = ArmErrors.call("Granting read access to " + diskOrSnapshotId, () -> isDisk(id)
                ? disks(id).grantAccess(id.resourceGroupName(), id.name(), data)
                : snapshots(id).grantAccess(id.resourceGroupName(), id.name(), data));
        return grant(diskOrSnapshotId, uri, requested.plus(duration));
    }

    private static AccessGrant grant(String id, AccessUriInner uri, Instant expiresAt) {
        if (uri == null || uri.accessSas() == null) {
            // Seen when a poll of the grant was throttled to the end of the SDK's retries: the operation's
            // outcome was never read, so the grant is asked for again (retryable), not given up on.
            throw new CloudException.Transient("Granting read access to " + id
                    + " ended without a SAS URL (its outcome could not be read); retrying", 200, "", null);
        }
        return new AccessGrant(id, URI.create(uri.accessSas()), expiresAt);
    }

    @Override
    public void revoke(String diskOrSnapshotId) {
        if (RestorePoints.isDiskRestorePoint(diskOrSnapshotId)) {
            ArmErrors.run("Revoking access to " + diskOrSnapshotId, () -> restorePoints.revoke(diskOrSnapshotId));
            return;
        }
        ResourceId id = parseDiskOrSnapshot(diskOrSnapshotId);
        ArmErrors.run("Revoking access to " + diskOrSnapshotId, () -> {
            if (isDisk(id)) {
                disks(id).revokeAccess(id.resourceGroupName(), id.name());
            } else {
                snapshots(id).revokeAccess(id.resourceGroupName(), id.name());
            }
        });
    }

    private static boolean isDisk(ResourceId id) {
        return id.fullResourceType().equalsIgnoreCase(DISK_TYPE);
    }

    private static ResourceId parseDiskOrSnapshot(String id) {
        ResourceId parsed = ArmIds.parse(id, null);
        if (!isDisk(parsed) && !parsed.fullResourceType().equalsIgnoreCase(SNAPSHOT_TYPE)) {
            throw new IllegalArgumentException("Expected a disk or snapshot id, got '" + id + "'");
        }
        return parsed;
    }
}
