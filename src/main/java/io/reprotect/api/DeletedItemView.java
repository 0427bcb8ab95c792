package io.reprotect.api;

import io.reprotect.protection.DeletedItem;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A deleted item as the API shows it: what is kept, where, and until when. */
@Schema(name = "DeletedItem", description = "Recovery data that disable protection or commit took out of view, kept "
        + "until expiresAt")
public record DeletedItemView(
        @Schema(description = "The deleted item's id") String id,
        @Schema(description = "The protected item the data belonged to") String protectedItemId,
        @Schema(description = "The VM that was protected") String vmId,
        @Schema(description = "DisableProtection or Commit") String deletedBy,
        @Schema(description = "The job that took it out of view") String deletedByJobId,
        @Schema(description = "When it was deleted") Instant deletedAt,
        @Schema(description = "When a purge may delete it (from then on the watchdog purges it)") Instant expiresAt,
        @Schema(description = "Kept, Purging, Purged or Undeleted") String state,
        @Schema(description = "The purge job, once one started") String purgeJobId,
        @Schema(description = "Recovery points kept") int recoveryPoints,
        @Schema(description = "Replica disks kept") int replicas,
        @Schema(description = "What is kept and where, one line each") List<String> kept,
        @Schema(description = "How to get it back, or why it cannot come back") String restore) {

    static DeletedItemView of(DeletedItem r) {
        String restore = r.deletedBy() == DeletedItem.DeletedBy.COMMIT
                ? "Not restorable as protection: the failover was committed and the VM runs on the other side; "
                + "reprotect the VM. The data is kept until expiresAt."
                : "POST /api/deleted-items/" + r.id() + "/undelete restores protection while it is Kept";
        return new DeletedItemView(r.id(), r.itemId(), r.vmId(), r.deletedBy().wireName(), r.jobId(), r.deletedAt(),
                r.expiresAt(), r.state().wireName(), r.purgeJobId(), r.item().replicaSet().recoveryPoints().size(),
                r.item().replicaSet().replicas().size(), r.kept(), restore);
    }
}
