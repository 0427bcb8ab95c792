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
