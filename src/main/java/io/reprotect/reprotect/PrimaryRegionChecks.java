package io.reprotect.reprotect;

import io.reprotect.cloud.AvailabilitySets;
import io.reprotect.cloud.ResourceGroups;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.JobError;
import io.reprotect.request.AzureRegions;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Part of the prerequisites check: the resources reprotect reuses in the primary region must be
 * there. The target resource group (when it exists), and the cache account, target account and
 * availability set the request names (when they exist) are each read once; one in another region
 * is refused, since the replica disks, the cache and the failed-back VM all live in the primary region.
 * Missing ones are fine: the prepare stage creates them in the primary region.
 *
 * <p>Reads only.
 */
@ApplicationScoped
public class PrimaryRegionChecks {

    private final ResourceGroups groups;
    private final StorageAccounts accounts;
    private final AvailabilitySets availabilitySets;

    public PrimaryRegionChecks(ResourceGroups groups, StorageAccounts accounts, AvailabilitySets availabilitySets) {
        this.groups = groups;
        this.accounts = accounts;
        this.availabilitySets = availabilitySets;
    }

    /**
     * @param targetGroup the resource group the VM returns to; reading it also proves the primary
     *        side answers (a transient error here is retried)
     * @return the first resource found outside the primary region, as a refusal
     */
    public Optional<JobError> check(ReprotectRequest request, ResourceId targetGroup) {
        return check(request, targetGroup, request.primaryRegion());
    }

    /**
     * As {@link #check(ReprotectRequest, ResourceId)}, against {@code targetRegion}: the region the
     * replicas go to (the secondary region for a PrimaryToRecovery reprotect; the codes keep their names).
     */
    public Optional<JobError> check(ReprotectRequest request, ResourceId targetGroup, String targetRegion) {
        String primary = targetRegion;
        Optional<String> groupRegion = groups.find(targetGroup.subscriptionId(), targetGroup.resourceGroup())
                .map(g -> g.region());
        if (outside(groupRegion, primary)) {
            return Optional.of(refusal("TargetResourceGroupNotInPrimaryRegion", "target resource group",
                    "targetResourceGroupId", targetGroup, groupRegion.get(), primary));
        }
        if (request.cacheStorageAccountId() != null) {
            Optional<String> region = accounts.find(request.cacheStorageAccountId().id()).map(a -> a.region());
            if (outside(region, primary)) {
                return Optional.of(refusal("CacheStorageAccountNotInPrimaryRegion", "cache storage account",
                        "cacheStorageAccountId", request.cacheStorageAccountId(), region.get(), primary));
            }
        }
        if (request.targetStorageAccountId() != null) {
            Optional<String> region = accounts.find(request.targetStorageAccountId().id()).map(a -> a.region());
            if (outside(region, primary)) {
                return Optional.of(refusal("TargetStorageAccountNotInPrimaryRegion", "target storage account",
                        "targetStorageAccountId", request.targetStorageAccountId(), region.get(), primary));
            }
        }
        if (request.availabilitySetId() != null) {
            Optional<String> region = availabilitySets.find(request.availabilitySetId().id()).map(a -> a.region());
            if (outside(region, primary)) {
                return Optional.of(refusal("AvailabilitySetNotInPrimaryRegion", "availability set",
                        "availabilitySetId", request.availabilitySetId(), region.get(), primary));
            }
        }
        return Optional.empty();
    }

    private static boolean outside(Optional<String> region, String primary) {
        return region.isPresent() && region.get() != null
                && !AzureRegions.normalize(region.get()).equals(AzureRegions.normalize(primary));
    }

    private static JobError refusal(String code, String what, String field, ResourceId id, String region,
            String primary) {
        return JobError.of(code, "The " + what + " " + id.id() + " is in " + region + ", not in the target region "
                        + primary + ".",
                "The " + what + " was created in another region, or primaryRegion names the wrong region.",
                "Name a " + what + " in " + primary + " as " + field + " (or leave it out to use the default), "
                        + "or correct primaryRegion; then submit the request again.");
    }
}
