package io.reprotect.reprotect;

import io.reprotect.cloud.AvailabilitySetInfo;
import io.reprotect.cloud.AvailabilitySetSpec;
import io.reprotect.cloud.AvailabilitySets;
import io.reprotect.cloud.NameAvailability;
import io.reprotect.cloud.StorageAccountInfo;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.protection.Outputs;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of {@link PrepareTarget}, made by reading only: which cache and target storage
 * account and which availability set, reused when they exist and otherwise created under which name.
 * The stage carries them out; the what-if ({@link ReprotectWhatIf}) reports them; both ask here, so
 * they cannot disagree.
 *
 * <p>Reads only; the same state of Azure gives the same plan.
 */
@ApplicationScoped
public class TargetPlanner {

    /** Taken names tried before the plan gives up. */
    static final int NAME_ATTEMPTS = 5;

    private final StorageAccounts accounts;
    private final AvailabilitySets availabilitySets;

    public TargetPlanner(StorageAccounts accounts, AvailabilitySets availabilitySets) {
        this.accounts = accounts;
        this.availabilitySets = availabilitySets;
    }

    /**
     * A storage account to reuse ({@code existing}) or to create ({@code create}).
     *
     * @param ownGroup the account to create goes to a group named in the request, which may need creating too
     */
    public record AccountPlan(StorageAccountInfo existing, StorageAccountSpec create, boolean ownGroup) {

        public String id() {
            return existing != null ? existing.id() : "/subscriptions/" + create.subscriptionId() + "/resourceGroups/"
                    + create.resourceGroup() + "/providers/" + ResourceId.STORAGE_ACCOUNT + "/" + create.name();
        }
    }

    /** An availability set to reuse or create. */
    public record SetPlan(AvailabilitySetInfo existing, AvailabilitySetSpec create) {

        public String id() {
            return existing != null ? existing.id() : "/subscriptions/" + create.subscriptionId() + "/resourceGroups/"
                    + create.resourceGroup() + "/providers/" + ResourceId.AVAILABILITY_SET + "/" + create.name();
        }
    }

    /** @throws PermanentStageException no usable name: the refusal says what to name instead */
    public AccountPlan cache(ReprotectRequest request, ResourceId group, String region) {
        return request.cacheStorageAccountId() != null
                ? named(request.cacheStorageAccountId(), region)
                : orAlternative(group, StorageAccountNames.cache(request.vmId().id()), region, request);
    }

    /**
     * The request's account, else the original primary account (tag), else {@code asr} + the secondary's name.
     *
     * @throws PermanentStageException no usable name
     */
    public AccountPlan target(ReprotectRequest request, ResourceId group, String region, String sourceVmName,
            Map<String, String> sourceTags) {
        if (request.targetStorageAccountId() != null) {
            return named(request.targetStorageAccountId(), region);
        }
        String original = sourceTags.get(PrepareTarget.TAG_SOURCE_STORAGE);
        if (original != null) {
            Optional<StorageAccountInfo> existing = accounts.find(original);
            if (existing.isPresent()) {
                return new AccountPlan(existing.get(), null, false);
            }
        }
        // the tag may hold the account's name or its id
        String secondary = sourceTags.getOrDefault(PrepareTarget.TAG_RECOVERY_STORAGE, sourceVmName);
        String secondaryName = secondary.substring(secondary.lastIndexOf('/') + 1);
        return orAlternative(group, StorageAccountNames.asr(secondaryName), region, request);
    }

    /** The request's set, else the old primary VM's (re-created in the target group if gone); empty if it had none. */
    public Optional<SetPlan> availabilitySet(ReprotectRequest request, ResourceId group, String region,
            Optional<Outputs.VmSummary> target) {
        if (request.availabilitySetId() != null) {
            ResourceId id = request.availabilitySetId();
            return Optional.of(availabilitySets.find(id.id()).map(s -> new SetPlan(s, null)).orElseGet(() ->
                    new SetPlan(null, AvailabilitySetSpec.managed(id.subscriptionId(), id.resourceGroup(), id.name(),
                            region))));
        }
        Optional<String> original = target.map(Outputs.VmSummary::availabilitySetId);
        if (original.isEmpty()) {
            return Optional.empty(); // the VM used no availability set: none is imposed
        }
        ResourceId id = ResourceId.parse(original.get());
        return Optional.of(availabilitySets.find(id.id()).map(s -> new SetPlan(s, null)).orElseGet(() ->
                new SetPlan(null, AvailabilitySetSpec.managed(group.subscriptionId(), group.resourceGroup(), id.name(),
                        region))));
    }

    /** A named account: reused when it exists, created under that name when missing and free. */
    private AccountPlan named(ResourceId id, String region) {
        Optional<StorageAccountInfo> existing = accounts.find(id.id());
        if (existing.isPresent()) {
            return new AccountPlan(existing.get(), null, false);
        }
        NameAvailability availability = accounts.checkNameAvailability(id.subscriptionId(), id.name());
        if (!availability.available()) {
            throw new PermanentStageException(JobError.of("StorageAccountNameUnavailable",
                    "Storage account " + id.name() + " does not exist in " + id.resourceGroup()
                            + " and its name is taken: " + availability.message(),
                    "The account exists in another subscription or resource group.",
                    "Name an account in the request that exists in your subscription, or a free name."));
        }
        return new AccountPlan(null, StorageAccountSpec.standardV2(id.subscriptionId(), id.resourceGroup(), id.name(),
                region), true);
    }

    /** A default name: ours if it exists in the group; if taken elsewhere, a derived alternative. */
    private AccountPlan orAlternative(ResourceId group, String name, String region, ReprotectRequest request) {
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            String candidate = attempt == 0 ? name
                    : StorageAccountNames.alternative(name, request.vmId().id(), attempt);
            String id = group.id() + "/providers/" + ResourceId.STORAGE_ACCOUNT + "/" + candidate;
            Optional<StorageAccountInfo> ours = accounts.find(id);
            if (ours.isPresent()) {
                return new AccountPlan(ours.get(), null, false);
            }
            if (accounts.checkNameAvailability(group.subscriptionId(), candidate).available()) {
                return new AccountPlan(null, StorageAccountSpec.standardV2(group.subscriptionId(),
                        group.resourceGroup(), candidate, region), false);
            }
        }
        throw new PermanentStageException(JobError.of("StorageAccountNameUnavailable",
                "No free storage account name derived from '" + name + "' after " + NAME_ATTEMPTS + " attempts.",
                "The names are taken in other subscriptions.",
                "Name the account to use in the request (targetStorageAccountId or cacheStorageAccountId)."));
    }
}
