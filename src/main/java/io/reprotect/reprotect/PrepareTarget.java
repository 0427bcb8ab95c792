package io.reprotect.reprotect;

import io.reprotect.cloud.AvailabilitySets;
import io.reprotect.cloud.ResourceGroups;
import io.reprotect.cloud.StorageAccountInfo;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.AccountReferences;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RetentionSetting;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
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
 * <p>What to reuse and what to create, under which name, is decided by {@link TargetPlanner} (read-only,
 * shared with the what-if).
 *
 * <p>The replica account, when the engine created it (it carries {@link StorageAccounts#CREATED_BY_ENGINE}), gets
 * blob soft delete, versioning and the engine's CanNotDelete lock ({@link StorageAccounts#protectRecoveryData}).
 *
 * <p>Idempotency: every resource is looked up first and created only when missing, under a name
 * that is the same on every run, so a second run creates nothing (the protection is PUT again, unchanged).
 */
@ApplicationScoped
public class PrepareTarget extends NamedStage {

    /** The stage\'s name in {@link Workflows}. */
    public static final String NAME = "prepare-target";

    /** Tag naming the original primary-side storage account, if the VM had one. */
    public static final String TAG_SOURCE_STORAGE = "asr-failover-source-storage-account";
    /** Tag naming the secondary VM's storage account, from which the {@code asr} name is made. */
    public static final String TAG_RECOVERY_STORAGE = "asr-failover-recovery-storage-account";
    static final Map<String, String> TAGS = Map.of("created-by", "vm-reprotect");
    /**
     * Tag on a storage account reprotect created, naming the protected item it was created for. Commit and
     * disable delete only an account carrying it and {@link StorageAccounts#CREATED_BY_ENGINE}, and only once
     * nothing references it ({@link AccountReferences}).
     */
    public static final String TAG_CREATED_FOR = "reprotect-created-for-item";

    private final ResourceGroups groups;
    private final StorageAccounts accounts;
    private final AvailabilitySets availabilitySets;
    private final VirtualMachines vms;
    private final TargetPlanner planner;
    private final RetentionSetting retention;

    public PrepareTarget(ResourceGroups groups, StorageAccounts accounts, AvailabilitySets availabilitySets,
            VirtualMachines vms, RetentionSetting retention) {
        super(NAME);
        this.retention = retention;
        this.groups = groups;
        this.accounts = accounts;
        this.availabilitySets = availabilitySets;
        this.vms = vms;
        this.planner = new TargetPlanner(accounts, availabilitySets);
    }

    @Override
    public Outcome execute(StageContext context) {
        ReprotectRequest request = ReprotectRequest.of(context.job());
        // the region the replicas go to: the primary region, or the secondary one for PrimaryToRecovery
        String region = context.get(Outputs.TARGET_REGION).orElse(request.primaryRegion());
        ResourceId group = targetGroup(context, request);
        Outputs.VmSummary source = context.require(Outputs.SOURCE_VM);
        Optional<Outputs.VmSummary> target = context.get(Outputs.TARGET_VM);
        Map<String, String> sourceTags = vms.find(source.id()).map(v -> v.tags()).orElse(Map.of());

        groups.createIfMissing(group.subscriptionId(), group.resourceGroup(), region, TAGS);

        Map<String, String> accountTags = Map.of("created-by", "vm-reprotect", TAG_CREATED_FOR,
                ProtectedItemStore.idOf(request.vmId().id()));
        StorageAccountInfo cache = carryOut(planner.cache(request, group, region), region, accountTags);
        StorageAccountInfo replicas = carryOut(planner.target(request, group, region, source.name(), sourceTags),
                region, accountTags);
        if (replicas.tags() != null && replicas.tags().entrySet().containsAll(StorageAccounts.CREATED_BY_ENGINE.entrySet())) {
            // the engine's own replica account: blob soft delete, versioning and a lock only a purge lifts
            accounts.protectRecoveryData(replicas.id(), retention.blobSoftDeleteDays());
        }

        List<Output> outputs = new ArrayList<>(List.of(Outputs.CACHE_STORAGE_ACCOUNT.of(ref(cache)),
                Outputs.TARGET_STORAGE_ACCOUNT.of(ref(replicas))));
        planner.availabilitySet(request, group, region, target)
                .map(plan -> plan.existing() != null ? plan.existing() : availabilitySets.createIfMissing(plan.create()))
                .ifPresent(set -> outputs.add(Outputs.AVAILABILITY_SET.of(set.id())));
        return Outcome.next(outputs);
    }

    /** The group chosen by the prerequisites check; a job recorded before ids were kept has only its name. */
    static ResourceId targetGroup(StageContext context, ReprotectRequest request) {
        Optional<String> id = context.get(Outputs.TARGET_RESOURCE_GROUP_ID);
        if (id.isPresent()) {
            return ResourceId.parse(id.get(), ResourceId.RESOURCE_GROUP);
        }
        String name = context.require(Outputs.TARGET_RESOURCE_GROUP);
        return ResourceId.resourceGroup(request.vmId().subscriptionId(), name);
    }

    private StorageAccountInfo carryOut(TargetPlanner.AccountPlan plan, String region, Map<String, String> tags) {
        if (plan.existing() != null) {
            return plan.existing();
        }
        if (plan.ownGroup()) {
            groups.createIfMissing(plan.create().subscriptionId(), plan.create().resourceGroup(), region, TAGS);
        }
        return accounts.createIfMissing(plan.create().withTags(tags));
    }

    private static Outputs.AccountRef ref(StorageAccountInfo account) {
        return new Outputs.AccountRef(account.id(), account.name(), account.blobEndpoint());
    }
}
