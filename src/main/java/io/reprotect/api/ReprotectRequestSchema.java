package io.reprotect.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request body as the OpenAPI document describes it (the parser validates the JSON itself). */
@Schema(name = "ReprotectRequest", additionalProperties = Schema.False.class)
public record ReprotectRequestSchema(
        @Schema(required = true, description = "Resource id of the failed-over VM: in the secondary region (RecoveryToPrimary), or failed back "
                + "to the primary region (PrimaryToRecovery)",
                example = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg-asr/providers/Microsoft.Compute/virtualMachines/app01")
        String vmId,
        @Schema(required = true, enumeration = {"RecoveryToPrimary", "PrimaryToRecovery"},
                description = "RecoveryToPrimary: replicate a VM failed over to its secondary region toward its primary region; "
                        + "PrimaryToRecovery: replicate a VM this engine failed back toward the secondary region again")
        String failoverDirection,
        @Schema(required = true, description = "The VM's primary region: where it returns to (RecoveryToPrimary), or where "
                + "it runs (PrimaryToRecovery)", example = "westeurope") String primaryRegion,
        @Schema(description = "Resource group for the VM at failback; default: the original") String targetResourceGroupId,
        @Schema(description = "Storage account for replica disks; default: the original, else asr + the secondary VM's account name")
        String targetStorageAccountId,
        @Schema(description = "Cache storage account in the primary region; default: created") String cacheStorageAccountId,
        @Schema(description = "Availability set in the primary region; default: the existing one, else created") String availabilitySetId,
        ReplicationPolicySchema replicationPolicy,
        @Schema(defaultValue = "false", description = "true lets reprotect stop (deallocate) and delete the old VM it "
                + "replaces (the VM the failover came from) while that VM is running; by default a running one is "
                + "refused and left alone") Boolean allowStopRunningTargetVm) {

    @Schema(name = "ReplicationPolicy", additionalProperties = Schema.False.class)
    public record ReplicationPolicySchema(
            @Schema(minimum = "1", maximum = "360", defaultValue = "24") Integer recoveryPointRetentionInHours,
            @Schema(minimum = "5", maximum = "60", defaultValue = "5") Integer crashConsistentFrequencyInMinutes,
            @Schema(minimum = "0", maximum = "720", defaultValue = "240",
                    description = "0 for off, else whole hours from 180, at most the retention") Integer appConsistentFrequencyInMinutes) {
    }
}
