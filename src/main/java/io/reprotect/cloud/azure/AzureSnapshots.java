package io.reprotect.cloud.azure;

import com.azure.resourcemanager.compute.fluent.SnapshotsClient;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.SnapshotSku;
import com.azure.resourcemanager.compute.models.SnapshotStorageAccountTypes;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.SnapshotInfo;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.Snapshots;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** {@link Snapshots} on ARM (PUT with createOption Copy from the source disk). */
@ApplicationScoped
public class AzureSnapshots implements Snapshots {

    static final String TYPE = "Microsoft.Compute/snapshots";
    /**
     * The storage every snapshot the engine takes is kept on: Standard HDD, locally redundant. Without a SKU an
     * incremental snapshot goes to zone-redundant storage where the region has zones, which costs more per GB-month;
     * the engine's snapshots are diff bases and transient copies that a new cycle or job can take again, so zone
     * redundancy buys nothing the replica in the other region does not already give.
     */
    static final SnapshotStorageAccountTypes SNAPSHOT_STORAGE = SnapshotStorageAccountTypes.STANDARD_LRS;
    private final ArmManagers managers;

    public AzureSnapshots(ArmManagers managers) {
        this.managers = managers;
    }

    /** The client of the snapshot's own subscription. */
    private SnapshotsClient client(String subscriptionId) {
        return managers.of(subscriptionId).compute().serviceClient().getSnapshots();
    }

    @Override
    public SnapshotInfo create(SnapshotSpec spec) {
        SnapshotInner body = body(spec);
        SnapshotInner created = ArmErrors.call("Creating snapshot " + spec.name() + " of " + spec.sourceDiskId(),
                () -> client(spec.subscriptionId()).createOrUpdate(spec.resourceGroup(), spec.name(), body));
        return toInfo(created);
    }

    @Override
    public PendingOperation beginCreate(SnapshotSpec spec) {
        SnapshotInner body = body(spec);
        return ArmOperations.begin(managers, "Creating snapshot " + spec.name() + " of " + spec.sourceDiskId(), spec.id(),
                false, () -> client(spec.subscriptionId()).createOrUpdateWithResponseAsync(spec.resourceGroup(),
                        spec.name(), body));
    }

    @Override
    public PendingOperation beginDelete(String snapshotId) {
        ResourceId id = ArmIds.parse(snapshotId, TYPE);
        return ArmOperations.begin(managers, "Deleting snapshot " + snapshotId, snapshotId, true,
                () -> client(id.subscriptionId()).deleteWithResponseAsync(id.resourceGroupName(), id.name()));
    }

    @Override
    public OperationCheck check(PendingOperation operation) {
        return ArmOperations.check(managers, (operation.deleting() ? "Deleting" : "Creating") + " snapshot "
                + operation.resourceId(), operation);
    }

    private static SnapshotInner body(SnapshotSpec spec) {
        ArmIds.parse(spec.sourceDiskId(), AzureManagedDisks.DISK_TYPE);
        return new SnapshotInner().withLocation(spec.region()).withTags(spec.tags())
                .withIncremental(spec.incremental()).withSku(new SnapshotSku().withName(SNAPSHOT_STORAGE))
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY)
                        .withSourceResourceId(spec.sourceDiskId()));
    }

    @Override
    public Optional<SnapshotInfo> find(String snapshotId) {
        ResourceId id = ArmIds.parse(snapshotId, TYPE);
        try {
            return Optional.of(toInfo(ArmErrors.call("Reading snapshot " + snapshotId,
                    () -> client(id.subscriptionId()).getByResourceGroup(id.resourceGroupName(), id.name()))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String snapshotId) {
        ResourceId id = ArmIds.parse(snapshotId, TYPE);
        try {
            ArmErrors.run("Deleting snapshot " + snapshotId, () -> client(id.subscriptionId()).delete(id.resourceGroupName(), id.name()));
        } catch (CloudException.NotFound e) {
            // resource group gone: so is the snapshot
        }
    }

    private static SnapshotInfo toInfo(SnapshotInner s) {
        String source = s.creationData() == null ? null : s.creationData().sourceResourceId();
        return new SnapshotInfo(s.id(), s.name(), ArmIds.resourceGroupOf(s.id()), ArmIds.region(s.location()), source,
                Boolean.TRUE.equals(s.incremental()), s.diskSizeGB() == null ? 0 : s.diskSizeGB(),
                s.provisioningState(), s.timeCreated() == null ? null : s.timeCreated().toInstant(), s.tags());
    }
}
