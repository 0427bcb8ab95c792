package io.reprotect.api;

import io.reprotect.protection.Outputs;
import io.reprotect.protection.RecoveryPoint;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job's outputs as the OpenAPI document describes them: what stages found or created, under
 * the names of {@link Outputs}. Stages may record more; those extra names are allowed.
 */
@Schema(name = "JobOutputs", additionalProperties = Schema.True.class,
        description = "What the stages found or created; present once the stage that records it has run")
public record JobOutputsSchema(
        @Schema(description = "The failed-over VM in the secondary region (the replication source)") Outputs.VmSummary sourceVm,
        @Schema(description = "The old primary VM (the reprotect target), absent when it no longer exists") Outputs.VmSummary targetVm,
        @Schema(description = "Primary-side resource group the VM returns to at failback") String targetResourceGroup,
        @Schema(description = "Cache storage account in the primary region") Outputs.AccountRef cacheStorageAccount,
        @Schema(description = "Storage account that holds the replica disks") Outputs.AccountRef targetStorageAccount,
        @Schema(description = "Availability set in the primary region, absent when the VM uses none") String availabilitySetId,
        @Schema(description = "One replica per source disk") List<Outputs.Replica> replicas,
        @Schema(description = "The first recovery point") RecoveryPoint recoveryPoint,
        @Schema(description = "Id of the protected item (GET /api/protected-items/{id})") String protectedItemId,
        @Schema(description = "Protected once reprotect is done") String protectionState) {
}
