package io.reprotect.protection;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VmInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.pipeline.OutputKey;
import java.util.List;

/**
 * Keys and shapes of what stages record in a job's outputs for later stages and for callers: each key names its
 * entry and the type stored under it ({@link OutputKey}).
 */
public final class Outputs {

    /** {@link VmSummary} of the failed-over VM in the secondary region (the replication source). */
    public static final OutputKey<VmSummary> SOURCE_VM = OutputKey.named("sourceVm", VmSummary.class);
    /** {@link VmSummary} of the old primary VM (the reprotect target), absent when it no longer exists. */
    public static final OutputKey<VmSummary> TARGET_VM = OutputKey.named("targetVm", VmSummary.class);
    /** Name of the primary-side resource group the VM returns to at failback. */
    public static final OutputKey<String> TARGET_RESOURCE_GROUP = OutputKey.named("targetResourceGroup", String.class);
    /** Full id of that group: its subscription is where the resources created without an id of their own go. */
    public static final OutputKey<String> TARGET_RESOURCE_GROUP_ID =
            OutputKey.named("targetResourceGroupId", String.class);
    /** {@link AccountRef} of the cache storage account in the primary region. */
    public static final OutputKey<AccountRef> CACHE_STORAGE_ACCOUNT =
            OutputKey.named("cacheStorageAccount", AccountRef.class);
    /** {@link AccountRef} of the storage account that holds the replica disks. */
    public static final OutputKey<AccountRef> TARGET_STORAGE_ACCOUNT =
            OutputKey.named("targetStorageAccount", AccountRef.class);
    /** Id of the availability set in the primary region, absent when the VM uses none. */
    public static final OutputKey<String> AVAILABILITY_SET = OutputKey.named("availabilitySetId", String.class);
    /** List of {@link Replica}: one per source disk, with the seed it started from. */
    public static final OutputKey<List<Replica>> REPLICAS = OutputKey.listOf("replicas", Replica.class);
    /** The first {@link RecoveryPoint}. */
    public static final OutputKey<RecoveryPoint> RECOVERY_POINT = OutputKey.named("recoveryPoint", RecoveryPoint.class);
    /** The region the replicas go to (the VM's primary region, or the secondary one for PrimaryToRecovery). */
    public static final OutputKey<String> TARGET_REGION = OutputKey.named("targetRegion", String.class);
    /**
     * Id of the protected item a reprotect after a committed failover reverses (absent for a first
     * reprotect, which creates its item).
     */
    public static final OutputKey<String> REPROTECTED_ITEM = OutputKey.named("reprotectedItemId", String.class);
    /**
     * List of warnings (text) for the caller about what the job will destroy, e.g. that the old secondary VM
     * of an unplanned failover may hold writes never replicated (reprotect {@code TargetVmChecks}).
     */
    public static final OutputKey<List<String>> WARNINGS = OutputKey.listOf("warnings", String.class);
    /**
     * The plan of a failover or drill job (failover {@code FailoverPlan}); its {@code point.id} is the recovery point
     * the job creates disks from, which retention must not prune meanwhile ({@link RecoveryPointsInUse}). Read here
     * as JSON (the plan's type lives with failover, above this package); failover reads it typed.
     */
    public static final OutputKey<JsonNode> FAILOVER_PLAN = OutputKey.named("failoverPlan", JsonNode.class);
    /** {@code Protected} once reprotect is done. */
    public static final OutputKey<String> PROTECTION_STATE = OutputKey.named("protectionState", String.class);

    private Outputs() {
    }

    /** {@link VmShape} of the old primary VM, captured before reprotect deletes it. */
    public static final OutputKey<VmShape> TARGET_VM_SHAPE = OutputKey.named("targetVmShape", VmShape.class);

    public static VmSummary summary(VmInfo vm) {
        return new VmSummary(vm.id(), vm.name(), vm.resourceGroup(), vm.region(), vm.powerState().name(),
                vm.osDiskId(), vm.dataDiskIds(), vm.availabilitySetId(), vm.dataDiskLuns(), vm.uniqueId(),
                vm.timeCreated());
    }

    /**
     * The parts of a VM later stages need.
     *
     * @param powerState as last seen by the job: a {@link PowerState} name, or
     *        {@link #DELETED} once reprotect has deleted the VM
     * @param dataDiskLuns LUN of each data disk in {@code dataDiskIds}; null in jobs recorded before LUNs
     *                     were kept, read as 0, 1, 2...
     * @param vmUniqueId the VM's {@code properties.vmId} when the job first saw it (a VM created again under
     *                   the same name has another); null in jobs recorded before it was kept
     * @param timeCreated the VM's {@code properties.timeCreated} when the job first saw it, or null
     */
    public record VmSummary(String id, String name, String resourceGroup, String region, String powerState,
            String osDiskId, List<String> dataDiskIds, String availabilitySetId, List<Integer> dataDiskLuns,
            String vmUniqueId, java.time.Instant timeCreated) {

        /** A summary without the VM's unique id and creation time. */
        public VmSummary(String id, String name, String resourceGroup, String region, String powerState,
                String osDiskId, List<String> dataDiskIds, String availabilitySetId, List<Integer> dataDiskLuns) {
            this(id, name, resourceGroup, region, powerState, osDiskId, dataDiskIds, availabilitySetId, dataDiskLuns,
                    null, null);
        }

        public VmSummary {
            dataDiskIds = dataDiskIds == null ? List.of() : List.copyOf(dataDiskIds);
            dataDiskLuns = dataDiskLuns == null
                    ? java.util.stream.IntStream.range(0, dataDiskIds.size()).boxed().toList() : List.copyOf(dataDiskLuns);
        }

        /** Power state of a VM that reprotect deleted. */
        public static final String DELETED = "DELETED";

        public VmSummary withPowerState(String value) {
            return new VmSummary(id, name, resourceGroup, region, value, osDiskId, dataDiskIds, availabilitySetId,
                    dataDiskLuns, vmUniqueId, timeCreated);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public List<String> diskIds() {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(osDiskId), dataDiskIds.stream()).toList();
        }

        /** The data disk at {@code lun}, or null when none is attached there. */
        public String dataDiskAt(int lun) {
            int i = dataDiskLuns.indexOf(lun);
            return i < 0 ? null : dataDiskIds.get(i);
        }
    }

    /** A storage account and its blob endpoint. */
    public record AccountRef(String id, String name, String blobEndpoint) {
    }

    /**
     * A replica disk: a page blob in the target storage account that mirrors one source disk.
     *
     * @param sourceDiskId the disk of the failed-over VM it replicates
     * @param seedDiskId the old primary disk copied into it as a seed, or null if it started empty
     * @param container container in the target account
     * @param blobName page blob name
     * @param lun the source disk's LUN, -1 for the OS disk; a seed always comes from the old primary's
     *            disk at the same LUN
     */
    public record Replica(String sourceDiskId, String seedDiskId, String container, String blobName, Integer lun) {

        /** A replica recorded before LUNs were kept: its LUN is unknown (null). */
        public Replica(String sourceDiskId, String seedDiskId, String container, String blobName) {
            this(sourceDiskId, seedDiskId, container, blobName, null);
        }

        /** True for the replica of the OS disk (LUN -1). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean osDisk() {
            return lun != null && lun < 0;
        }
    }
}
