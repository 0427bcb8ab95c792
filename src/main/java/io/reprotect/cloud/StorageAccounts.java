package io.reprotect.cloud;

import java.util.Optional;

/** Storage accounts for cache and replica blobs. Throws {@link CloudException} on failure. */
public interface StorageAccounts {

    Optional<StorageAccountInfo> find(String storageAccountId);

    /**
     * Returns the existing account of this name in the resource group, or creates it and waits.
     * Idempotent: running it twice creates one account.
     */
    StorageAccountInfo createIfMissing(StorageAccountSpec spec);

    /**
     * Whether a storage account name is free and valid (names are global across Azure); asked
     * through {@code subscriptionId}, the subscription the account would be created in.
     */
    NameAvailability checkNameAvailability(String subscriptionId, String name);

    /** Deletes the account with everything in it. Idempotent: an account already gone is success. */
    void delete(String storageAccountId);
}
