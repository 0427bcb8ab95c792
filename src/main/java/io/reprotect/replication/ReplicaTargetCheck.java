package io.reprotect.replication;

import io.reprotect.cloud.PageBlobs;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the replicas still have somewhere to live: the target storage account (asked of ARM, so a
 * deleted account is told apart from a network fault) and each replica container in it. A cycle
 * asks before it snapshots anything, so a missing target costs no source snapshot.
 *
 * <p>Read-only: one ARM GET and one container GET per replica container.
 */
@Singleton
public class ReplicaTargetCheck {

    private final StorageAccounts accounts;
    private final PageBlobs blobs;

    public ReplicaTargetCheck(StorageAccounts accounts, PageBlobs blobs) {
        this.accounts = accounts;
        this.blobs = blobs;
    }

    /** The health error to record when the account or a replica container is gone; empty when both are there. */
    public Optional<HealthError> missing(ProtectedItem item, Instant now) {
        Outputs.AccountRef account = item.placement().targetStorageAccount();
        if (accounts.find(account.id()).isEmpty()) {
            return Optional.of(HealthErrors.replicaAccountMissing(account.name(), null, now));
        }
        Set<String> containers = new LinkedHashSet<>();
        item.replicaSet().replicas().forEach(r -> containers.add(r.container()));
        for (String container : containers) {
            if (!blobs.containerExists(account.blobEndpoint(), container)) {
                return Optional.of(HealthErrors.replicaAccountMissing(account.name(), container, now));
            }
        }
        return Optional.empty();
    }
}
