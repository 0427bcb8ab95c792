package io.reprotect.cloud.azure;

import com.azure.resourcemanager.resources.fluent.models.ManagementLockObjectInner;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import com.azure.resourcemanager.resources.models.LockLevel;
import com.azure.resourcemanager.storage.fluent.StorageAccountsClient;
import com.azure.resourcemanager.storage.fluent.models.BlobServicePropertiesInner;
import com.azure.resourcemanager.storage.fluent.models.CheckNameAvailabilityResultInner;
import com.azure.resourcemanager.storage.fluent.models.StorageAccountInner;
import com.azure.resourcemanager.storage.models.DeleteRetentionPolicy;
import com.azure.resourcemanager.storage.models.Kind;
import com.azure.resourcemanager.storage.models.Sku;
import com.azure.resourcemanager.storage.models.SkuName;
import com.azure.resourcemanager.storage.models.StorageAccountCheckNameAvailabilityParameters;
import com.azure.resourcemanager.storage.models.StorageAccountCreateParameters;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.NameAvailability;
import io.reprotect.cloud.StorageAccountInfo;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.StorageAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@link StorageAccounts} on ARM: GET, then PUT (a long-running operation) only when missing. */
@ApplicationScoped
public class AzureStorageAccounts implements StorageAccounts {

    static final String TYPE = "Microsoft.Storage/storageAccounts";
    private final ArmManagers managers;

    public AzureStorageAccounts(ArmManagers managers) {
        this.managers = managers;
    }

    /** The client of the account's own subscription. */
    private StorageAccountsClient client(String subscriptionId) {
        return managers.of(subscriptionId).storage().serviceClient().getStorageAccounts();
    }

    @Override
    public Optional<StorageAccountInfo> find(String storageAccountId) {
        ResourceId id = ArmIds.parse(storageAccountId, TYPE);
        try {
            return Optional.of(toInfo(ArmErrors.call("Reading storage account " + storageAccountId,
                    () -> client(id.subscriptionId()).getByResourceGroup(id.resourceGroupName(), id.name()))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public StorageAccountInfo createIfMissing(StorageAccountSpec spec) {
        String id = ArmIds.resourceId(spec.subscriptionId(), spec.resourceGroup(), TYPE, spec.name());
        Optional<StorageAccountInfo> existing = find(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        StorageAccountCreateParameters body = new StorageAccountCreateParameters()
                .withSku(new Sku().withName(SkuName.fromString(spec.sku())))
                .withKind(Kind.fromString(spec.kind()))
                .withLocation(spec.region())
                .withTags(engineTags(spec))
                .withAllowBlobPublicAccess(false)
                .withEnableHttpsTrafficOnly(true);
        return toInfo(ArmErrors.call("Creating storage account " + id,
                () -> client(spec.subscriptionId()).create(spec.resourceGroup(), spec.name(), body)));
    }

    /** The spec's tags plus {@link #CREATED_BY_ENGINE}, which commit and disable rely on. */
    private static Map<String, String> engineTags(StorageAccountSpec spec) {
        Map<String, String> tags = new java.util.HashMap<>(spec.tags());
        tags.putAll(CREATED_BY_ENGINE);
        return tags;
    }

    @Override
    public Optional<Map<String, String>> tags(String storageAccountId) {
        ResourceId id = ArmIds.parse(storageAccountId, TYPE);
        try {
            StorageAccountInner account = ArmErrors.call("Reading storage account " + storageAccountId,
                    () -> client(id.subscriptionId()).getByResourceGroup(id.resourceGroupName(), id.name()));
            return Optional.of(account.tags() == null ? Map.of() : Map.copyOf(account.tags()));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String storageAccountId) {
        ResourceId id = ArmIds.parse(storageAccountId, TYPE);
        try {
            ArmErrors.call("Deleting storage account " + storageAccountId, () -> {
                client(id.subscriptionId()).delete(id.resourceGroupName(), id.name());
                return null;
            });
        } catch (CloudException.NotFound e) {
            // already gone
        }
    }

    @Override
    public void protectRecoveryData(String storageAccountId, int softDeleteDays) {
        ResourceId id = ArmIds.parse(storageAccountId, TYPE);
        int days = Math.max(1, Math.min(MAX_BLOB_SOFT_DELETE_DAYS, softDeleteDays));
        BlobServicePropertiesInner properties = new BlobServicePropertiesInner()
                .withDeleteRetentionPolicy(new DeleteRetentionPolicy().withEnabled(true).withDays(days))
                .withIsVersioningEnabled(true);
        ArmErrors.call("Turning on blob soft delete and versioning on storage account " + storageAccountId,
                () -> managers.of(id.subscriptionId()).storage().serviceClient().getBlobServices()
                        .setServiceProperties(id.resourceGroupName(), id.name(), properties));
        ManagementLockObjectInner lock = new ManagementLockObjectInner().withLevel(LockLevel.CAN_NOT_DELETE)
                .withNotes("vm-reprotect keeps recovery data here; the engine lifts this lock only to purge "
                        + "deleted recovery data after its retention period");
        ArmErrors.call("Locking storage account " + storageAccountId, () -> locks(id)
                .createOrUpdateByScope(storageAccountId, ENGINE_LOCK, lock));
    }

    @Override
    public void liftEngineLock(String storageAccountId) {
        ResourceId id = ArmIds.parse(storageAccountId, TYPE);
        try {
            ArmErrors.call("Lifting the engine's lock on storage account " + storageAccountId, () -> {
                locks(id).deleteByScope(storageAccountId, ENGINE_LOCK);
                return null;
            });
        } catch (CloudException.NotFound e) {
            // no lock (an account created before locks were set), or already lifted
        }
    }

    private com.azure.resourcemanager.resources.fluent.ManagementLocksClient locks(ResourceId id) {
        return managers.of(id.subscriptionId()).resources().managementLockClient().getManagementLocks();
    }

    @Override
    public NameAvailability checkNameAvailability(String subscriptionId, String name) {
        CheckNameAvailabilityResultInner r = ArmErrors.call("Checking storage account name " + name,
                () -> client(subscriptionId).checkNameAvailability(new StorageAccountCheckNameAvailabilityParameters().withName(name)));
        boolean available = Boolean.TRUE.equals(r.nameAvailable());
        return new NameAvailability(name, available, r.reason() == null ? "" : r.reason().toString(),
                r.message() == null ? "" : r.message());
    }

    private static StorageAccountInfo toInfo(StorageAccountInner s) {
        String blob = s.primaryEndpoints() == null ? null : s.primaryEndpoints().blob();
        return new StorageAccountInfo(s.id(), s.name(), ArmIds.resourceGroupOf(s.id()), ArmIds.region(s.location()),
                s.sku() == null ? null : String.valueOf(s.sku().name()), s.kind() == null ? null : s.kind().toString(),
                blob, s.provisioningState() == null ? null : s.provisioningState().toString(), s.tags());
    }
}
