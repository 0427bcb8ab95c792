package io.reprotect.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.cloud.AvailabilitySetInfo;
import io.reprotect.cloud.AvailabilitySetSpec;
import io.reprotect.cloud.AvailabilitySets;
import io.reprotect.cloud.NameAvailability;
import io.reprotect.cloud.ResourceGroups;
import io.reprotect.cloud.StorageAccountInfo;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates what is missing in the primary region and reuses what exists: the target resource
 * group, the cache storage account, the target storage account (the named one, else the original,
 * else {@code asr} + the secondary VM's account name) and the availability set.
 *
 * <p>Subscriptions: a resource named by id in the request is read and created in the subscription of
 * its id. What has no id of its own (the default cache account, the {@code asr...} target account,
 * the availability set re-created after the old primary's) goes to the target resource group, so to
 * that group's subscription (see {@link ValidatePrerequisites} for how the group is chosen).
 *
 * <p>Idempotency: every resource is looked up first and created only when missing, under a name
 * that is the same on every run, so a second run creates nothing.
 */
@ApplicationScoped
public class PrepareTarget implements StageHandler {

    /** The stage\'s name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "prepare-target";

    /** Tag naming the original primary-side storage account, if the VM had one. */
    public static final String TAG_SOURCE_STORAGE = "asr-failover-source-storage-account";
    /** Tag naming the secondary VM's storage account, from which the {@code asr} name is made. */
    public static final String TAG_RECOVERY_STORAGE = "asr-failover-recovery-storage-account";
    static final Map<String, String> TAGS = Map.of("created-by", "vm-reprotect");
    /** Taken names tried before the stage gives up. */
    static final int NAME_ATTEMPTS = 5;

    private final ResourceGroups groups;
    private final StorageAccounts accounts;
    private final AvailabilitySets availabilitySets;
    private final VirtualMachines vms;

    public PrepareTarget(ResourceGroups groups, StorageAccounts accounts, AvailabilitySets availabilitySets,
            VirtualMachines vms) {
        this.groups = groups;
        this.accounts = accounts;
        this.availabilitySets = availabilitySets;
        this.vms = vms;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        ReprotectRequest request = context.job().request();
        String region = request.primaryRegion();
        ResourceId group = targetGroup(context, request);
        Outputs.VmSummary source = context.output(Outputs.SOURCE_VM, Outputs.VmSummary.class).orElseThrow();
        Optional<Outputs.VmSummary> target = context.output(Outputs.TARGET_VM, Outputs.VmSummary.class);
        Map<String, String> sourceTags = vms.find(source.id()).map(v -> v.tags()).orElse(Map.of());

        groups.createIfMissing(group.subscriptionId(), group.resourceGroup(), region, TAGS);

        StorageAccountInfo cache = request.cacheStorageAccountId() != null
                ? named(request.cacheStorageAccountId(), region)
                : orAlternative(group, StorageAccountNames.cache(request.vmId().id()), region, request);
        StorageAccountInfo replicas = targetAccount(request, group, region, source, sourceTags);

        Map<String, JsonNode> outputs = new HashMap<>();
        outputs.put(Outputs.CACHE_STORAGE_ACCOUNT, StageContext.json(ref(cache)));
        outputs.put(Outputs.TARGET_STORAGE_ACCOUNT, StageContext.json(ref(replicas)));
        availabilitySet(request, group, region, target)
                .ifPresent(set -> outputs.put(Outputs.AVAILABILITY_SET, StageContext.json(set.id())));
        return Outcome.next(outputs);
    }

    /** The group chosen by the prerequisites check; a job recorded before ids were kept has only its name. */
    private static ResourceId targetGroup(StageContext context, ReprotectRequest request) {
        Optional<String> id = context.output(Outputs.TARGET_RESOURCE_GROUP_ID, String.class);
        if (id.isPresent()) {
            return ResourceId.parse(id.get(), ResourceId.RESOURCE_GROUP);
        }
        String name = context.output(Outputs.TARGET_RESOURCE_GROUP, String.class).orElseThrow();
        return ResourceId.resourceGroup(request.vmId().subscriptionId(), name);
    }

    private StorageAccountInfo targetAccount(ReprotectRequest request, ResourceId group, String region,
            Outputs.VmSummary source, Map<String, String> tags) {
        if (request.targetStorageAccountId() != null) {
            return named(request.targetStorageAccountId(), region);
        }
        String original = tags.get(TAG_SOURCE_STORAGE);
        if (original != null) {
            Optional<StorageAccountInfo> existing = accounts.find(original);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        // the tag may hold the account's name or its id
        String secondary = tags.getOrDefault(TAG_RECOVERY_STORAGE, source.name());
        String secondaryName = secondary.substring(secondary.lastIndexOf('/') + 1);
        return orAlternative(group, StorageAccountNames.asr(secondaryName), region, request);
    }

    /** A named account: reused when it exists, created under that name when missing. */
    private StorageAccountInfo named(ResourceId id, String region) {
        return accounts.find(id.id()).orElseGet(() -> {
            NameAvailability availability = accounts.checkNameAvailability(id.subscriptionId(), id.name());
            if (!availability.available()) {
                throw new PermanentStageException(JobError.of("StorageAccountNameUnavailable",
                        "Storage account " + id.name() + " does not exist in " + id.resourceGroup()
                                + " and its name is taken: " + availability.message(),
                        "The account exists in another subscription or resource group.",
                        "Name an account in the request that exists in your subscription, or a free name."));
            }
            groups.createIfMissing(id.subscriptionId(), id.resourceGroup(), region, TAGS);
            return accounts.createIfMissing(StorageAccountSpec.standardV2(id.subscriptionId(), id.resourceGroup(),
                    id.name(), region));
        });
    }

    /** A default name: ours if it exists in the group; if taken elsewhere, a derived alternative. */
    private StorageAccountInfo orAlternative(ResourceId group, String name, String region, ReprotectRequest request) {
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            String candidate = attempt == 0 ? name
                    : StorageAccountNames.alternative(name, request.vmId().id(), attempt);
            String id = group.id() + "/providers/" + ResourceId.STORAGE_ACCOUNT + "/" + candidate;
            Optional<StorageAccountInfo> ours = accounts.find(id);
            if (ours.isPresent()) {
                return ours.get();
            }
            if (accounts.checkNameAvailability(group.subscriptionId(), candidate).available()) {
                return accounts.createIfMissing(StorageAccountSpec.standardV2(group.subscriptionId(),
                        group.resourceGroup(), candidate, region));
            }
        }
        throw new PermanentStageException(JobError.of("StorageAccountNameUnavailable",
                "No free storage account name derived from '" + name + "' after " + NAME_ATTEMPTS + " attempts.",
                "The names are taken in other subscriptions.",
                "Name the account to use in the request (targetStorageAccountId or cacheStorageAccountId)."));
    }

    private Optional<AvailabilitySetInfo> availabilitySet(ReprotectRequest request, ResourceId group, String region,
            Optional<Outputs.VmSummary> target) {
        if (request.availabilitySetId() != null) {
            ResourceId id = request.availabilitySetId();
            return Optional.of(availabilitySets.find(id.id()).orElseGet(() -> availabilitySets
                    .createIfMissing(AvailabilitySetSpec.managed(id.subscriptionId(), id.resourceGroup(), id.name(),
                            region))));
        }
        Optional<String> original = target.map(Outputs.VmSummary::availabilitySetId);
        if (original.isEmpty()) {
            return Optional.empty(); // the VM used no availability set: none is imposed
        }
        ResourceId id = ResourceId.parse(original.get());
        return Optional.of(availabilitySets.find(id.id()).orElseGet(() -> availabilitySets
                .createIfMissing(AvailabilitySetSpec.managed(group.subscriptionId(), group.resourceGroup(), id.name(),
                        region))));
    }

    private static Outputs.AccountRef ref(StorageAccountInfo account) {
        return new Outputs.AccountRef(account.id(), account.name(), account.blobEndpoint());
    }
}
