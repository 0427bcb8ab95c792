package io.reprotect.protection;

import java.time.Instant;
import java.util.List;

/** The health errors a replication cycle reports, each with causes and the action to take. */
public final class HealthErrors {

    public static final String SOURCE_VM_NOT_FOUND = "SourceVmNotFound";
    public static final String ACCESS_DENIED = "ReplicationAccessDenied";
    public static final String SNAPSHOT_LIMIT = "SnapshotLimitReached";
    public static final String REPLICA_ACCOUNT_MISSING = "ReplicaStorageAccountNotFound";
    public static final String CHAIN_BROKEN = "ReplicationChainBrokenResynchronizing";
    public static final String SOURCE_DISKS_CHANGED = "SourceDisksChanged";

    private HealthErrors() {
    }

    public static HealthError sourceVmNotFound(String vmId, Instant now) {
        return new HealthError(SOURCE_VM_NOT_FOUND, HealthError.WARNING,
                "The protected VM " + vmId + " was not found; no recovery point can be taken.",
                List.of("The VM was deleted.", "The VM was moved to another resource group or subscription."),
                "If the VM was moved, disable protection and reprotect it at its new id; if it was deleted by "
                        + "mistake, restore it with the same id; otherwise disable protection.", now);
    }

    public static HealthError accessDenied(String detail, Instant now) {
        return new HealthError(ACCESS_DENIED, HealthError.CRITICAL,
                "Azure refused the app's identity: " + detail,
                List.of("A role assignment of the app's managed identity was removed or narrowed.",
                        "A deny assignment or resource lock blocks the operation."),
                "Give the app's identity the roles infra/ assigns (see docs/deploy.md) on the VM's and the "
                        + "target's resource groups; cycles resume on their own.", now);
    }

    public static HealthError snapshotLimit(String detail, Instant now) {
        return new HealthError(SNAPSHOT_LIMIT, HealthError.WARNING,
                "Azure refused another incremental snapshot: " + detail,
                List.of("More than 7 incremental snapshots of one disk within 5 minutes.",
                        "500 incremental snapshots of one disk exist.",
                        "Other tools also snapshot the disk."),
                "Remove snapshots other tools keep of the VM's disks, or lower the crash-consistent frequency; "
                        + "the next cycle retries.", now);
    }

    /**
     * The replicas' storage account, or (when {@code container} is not null) their container in it, is gone.
     * Stays until a cycle finds both again (an account or container brought back, e.g. from soft delete).
     */
    public static HealthError replicaAccountMissing(String account, String container, Instant now) {
        String what = container == null ? "The target storage account " + account
                : "The replica container " + container + " in the target storage account " + account;
        return new HealthError(REPLICA_ACCOUNT_MISSING, HealthError.CRITICAL,
                what + " that holds the replicas was not found; no recovery point can be taken.",
                List.of("The storage account was deleted or moved to another resource group.",
                        "The replica container was deleted.",
                        "A resource lock or policy removed the account."),
                "If it was deleted by mistake, restore it (storage account recovery, or container soft delete) "
                        + "under the same name and cycles resume on their own; otherwise disable protection and "
                        + "reprotect the VM, which creates the account and the replicas again.", now);
    }

    public static HealthError chainBroken(String diskId, String why, Instant now) {
        return new HealthError(CHAIN_BROKEN, HealthError.WARNING,
                "The snapshot chain of disk " + diskId + " is broken (" + why + "); the disk is being "
                        + "resynchronised by a full compare, which reads the whole disk once.",
                List.of("The base snapshot was deleted outside the app.", "The disk was recreated or resized."),
                "None: replication heals on its own once the resync finishes.", now);
    }

    public static HealthError sourceDisksChanged(String vmId, Instant now) {
        return new HealthError(SOURCE_DISKS_CHANGED, HealthError.CRITICAL,
                "The disks attached to " + vmId + " no longer match the replicas.",
                List.of("A data disk was attached, detached or swapped since reprotect."),
                "Disable protection and reprotect the VM so that every disk is replicated.", now);
    }

    /** The errors with {@code added} in place of any earlier error of its code (keeping when it started). */
    public static List<HealthError> with(List<HealthError> errors, HealthError added) {
        Instant since = errors.stream().filter(e -> e.code().equals(added.code())).map(HealthError::since)
                .findFirst().orElse(added.since());
        List<HealthError> all = new java.util.ArrayList<>(errors.stream()
                .filter(e -> !e.code().equals(added.code())).toList());
        all.add(added.since(since));
        return all;
    }
}
