package io.reprotect.failover;

import io.reprotect.cloud.VmInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * What the failover recorded on the failed-over VM, as tags: where it came from and whether the
 * failover was committed. Reprotect trusts only this record to find the old primary side.
 *
 * @param sourceVmId the primary-side VM it failed over from (the reprotect target)
 * @param sourceResourceGroup the primary-side resource group
 * @param sourceRegion the primary region
 * @param state {@code committed} once the failover was committed
 * @param recoveryVmId the id this VM had when the failover created it, to tell a later move
 * @param sourceVmUniqueId the {@code properties.vmId} of the VM it failed over from, when the failover
 *        recorded it (this engine's failover does, {@link #TAG_SOURCE_VM_ID}; ASR does not); else null
 */
public record FailoverRecord(String sourceVmId, String sourceResourceGroup, String sourceRegion, String state,
        String recoveryVmId, String sourceVmUniqueId) {

    public static final String TAG_SOURCE_VM = "asr-failover-source-vm";
    public static final String TAG_SOURCE_RG = "asr-failover-source-rg";
    public static final String TAG_SOURCE_REGION = "asr-failover-source-region";
    public static final String TAG_STATE = "asr-failover-state";
    public static final String TAG_RECOVERY_VM = "asr-failover-recovery-vm";
    /** The {@code properties.vmId} of the VM a failover came from: tells it from a VM rebuilt under its name. */
    public static final String TAG_SOURCE_VM_ID = "asr-failover-source-vm-id";
    public static final String COMMITTED = "committed";

    /** The record on {@code vm}, or empty when the VM carries no failover tags at all. */
    public static Optional<FailoverRecord> of(VmInfo vm) {
        if (!vm.tags().containsKey(TAG_SOURCE_VM) && !vm.tags().containsKey(TAG_STATE)) {
            return Optional.empty();
        }
        return Optional.of(new FailoverRecord(vm.tags().get(TAG_SOURCE_VM), vm.tags().get(TAG_SOURCE_RG),
                vm.tags().get(TAG_SOURCE_REGION), vm.tags().get(TAG_STATE), vm.tags().get(TAG_RECOVERY_VM),
                vm.tags().get(TAG_SOURCE_VM_ID)));
    }

    public boolean committed() {
        return COMMITTED.equalsIgnoreCase(state);
    }

    /** True when the VM's id is not the one the failover gave it: it was moved since. */
    public boolean movedFrom(String currentId) {
        return recoveryVmId != null && !recoveryVmId.toLowerCase(Locale.ROOT).equals(currentId.toLowerCase(Locale.ROOT));
    }
}
