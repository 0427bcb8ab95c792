package io.reprotect.stage;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts delta replication: takes the first recovery point, a snapshot of every replica blob,
 * now that the replicas equal the source. Later recovery points follow the replication policy.
 *
 * <p>Idempotency: each snapshot carries the job id in its metadata; a second run finds the
 * snapshots it took and takes no more.
 */
@ApplicationScoped
public class StartReplication implements StageHandler {

    /** The stage\'s name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "start-replication";

    /** Snapshot metadata key naming the job whose recovery point it belongs to. */
    static final String RECOVERY_POINT_METADATA = "recoverypointjob";
    static final String CRASH_CONSISTENT = "CrashConsistent";

    private final BlobAccounts blobs;

    public StartReplication(BlobAccounts blobs) {
        this.blobs = blobs;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        Outputs.AccountRef account = context.output(Outputs.TARGET_STORAGE_ACCOUNT, Outputs.AccountRef.class)
                .orElseThrow();
        List<Outputs.Replica> replicas = Arrays.asList(context.output(Outputs.REPLICAS, Outputs.Replica[].class)
                .orElseThrow());
        String jobId = context.job().id();
        List<String> snapshots = new ArrayList<>();
        OffsetDateTime earliest = null;
        for (Outputs.Replica replica : replicas) {
            BlobContainerClient container = blobs.account(account.blobEndpoint())
                    .getBlobContainerClient(replica.container());
            BlobClient blob = container.getBlobClient(replica.blobName());
            Optional<BlobItem> existing = container.listBlobs(new ListBlobsOptions().setPrefix(replica.blobName())
                    .setDetails(new BlobListDetails().setRetrieveSnapshots(true).setRetrieveMetadata(true)), null)
                    .stream()
                    .filter(b -> b.getSnapshot() != null && b.getName().equals(replica.blobName())
                            && b.getMetadata() != null && jobId.equals(b.getMetadata().get(RECOVERY_POINT_METADATA)))
                    .findFirst();
            String snapshot = existing.map(BlobItem::getSnapshot).orElseGet(() -> blob
                    .createSnapshotWithResponse(Map.of(RECOVERY_POINT_METADATA, jobId), null, null, null)
                    .getValue().getSnapshotId());
            snapshots.add(blob.getBlobUrl() + "?snapshot=" + snapshot);
            OffsetDateTime time = OffsetDateTime.parse(snapshot);
            earliest = earliest == null || time.isBefore(earliest) ? time : earliest;
        }
        String time = (earliest == null ? Instant.now() : earliest.toInstant()).toString();
        return Outcome.next(Map.of(Outputs.RECOVERY_POINT,
                StageContext.json(new Outputs.RecoveryPoint(time, CRASH_CONSISTENT, snapshots))));
    }
}
