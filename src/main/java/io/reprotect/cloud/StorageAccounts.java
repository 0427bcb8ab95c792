package io.reprotect.cloud;

import java.util.Map;
import java.util.Optional;

/** Storage accounts for cache and replica blobs. Throws {@link CloudException} on failure. */
public interface StorageAccounts {

    /** The tag every storage account the engine creates carries; commit deletes only accounts carrying it. */
    Map<String, String> CREATED_BY_ENGINE = Map.of("created-by", "vm-reprotect");

    Optional<StorageAccountInfo> find(String storageAccountId);

    /** The account's tags, or empty when the account does not exist. */
    Optional<Map<String, String>> tags(String storageAccountId);

    /** The name of the CanNotDelete lock the engine puts on a replica account it created and lifts only at purge. */
    String ENGINE_LOCK = "vm-reprotect-keep-recovery-data";
    /** Azure's bounds for blob soft delete's {@code deleteRetentionPolicy.days}. */
    int MAX_BLOB_SOFT_DELETE_DAYS = 365;

    /**
     * Protects recovery data in an account the engine created: blob soft delete for {@code softDeleteDays} and
     * versioning on its blob service ({@code blobServices/default}), and the CanNotDelete lock {@link #ENGINE_LOCK}
     * on the account, so that no one (a stolen key, an operator's mistake) deletes the account or a replica
     * for good before the engine's purge. Idempotent: both are PUTs of the same state.
     */
    void protectRecoveryData(String storageAccountId, int softDeleteDays);

    /** Lifts the engine's lock ({@link #ENGINE_LOCK}) before a purge deletes the account; one already gone is fine. */
    void liftEngineLock(String storageAccountId);

    /** Deletes the account with everything in it. Idempotent: an account already gone counts as deleted. */
    void delete(String storageAccountId);

    /**
     * Returns the existing account of this name in the resource group, or creates it (tagged
     * {@link #CREATED_BY_ENGINE}) and waits.
     * Idempotent: running it twice creates one account.
     */
    StorageAccountInfo createIfMissing(StorageAccountSpec spec);

    /**
     * Whether a storage account name is free and valid (names are global across Azure); asked
     * through {@code subscriptionId}, the subscription the account would be created in.
     */
    NameAvailability checkNameAvailability(String subscriptionId, String name);
}
