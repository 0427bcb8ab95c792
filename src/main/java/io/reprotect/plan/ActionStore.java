package io.reprotect.plan;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.job.DerivedIds;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.VersionedBlob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Action records ({@value #ACTIONS}) and manual approvals ({@value #APPROVALS}) as JSON blobs in the job store's
 * container, each written only against the version it was read at, so two workers starting one action, or two
 * people deciding one approval, cannot both win. An action's record is keyed by its plan job and action id, so a
 * second start finds the first.
 */
@ApplicationScoped
public class ActionStore {

    static final String ACTIONS = "plan-actions/";
    static final String APPROVALS = "plan-approvals/";
    /** Most approval records one listing reads (pending ones are few: each waits at most its action's timeout). */
    static final int MAX_LISTED = 500;
    static final String STATE_METADATA = "state";
    static final String EXPIRES_METADATA = "expiresat";

    private final BlobContainerClient container;

    @Inject
    public ActionStore(BlobServiceClient blobs, StorageConfig config) {
        this(blobs.getBlobContainerClient(config.jobContainer()));
    }

    ActionStore(BlobContainerClient container) {
        this.container = container;
    }

    /** The key of an action's record: also its callback id and its approval's id. */
    static String key(String planJobId, String actionId) {
        return DerivedIds.of("plan-action\n" + planJobId + "\n" + actionId);
    }

    /** Creates the record if there is none. @return the record stored now: {@code value}, or the first start's */
    ActionRecord createOrGet(ActionRecord value) {
        container.createIfNotExists();
        return action(key(value.planJobId(), value.actionId())).update(current -> current.or(() -> Optional.of(value)))
                .orElseThrow();
    }

    Optional<ActionRecord> get(String key) {
        return parse(key).flatMap(k -> action(k).read()).map(v -> v.value());
    }

    /** Writes {@code change} of the record as stored now (If-Match); nothing when it returns it unchanged. */
    Optional<ActionRecord> change(String key, java.util.function.UnaryOperator<ActionRecord> change) {
        return action(key).change(change);
    }

    /** Creates the approval if there is none. @return the approval stored now */
    PlanApproval createOrGet(PlanApproval value) {
        container.createIfNotExists();
        return approval(value.id()).update(current -> current.or(() -> Optional.of(value))).orElseThrow();
    }

    Optional<PlanApproval> approval(String id, Instant now) {
        return parse(id).flatMap(k -> approval(k).read()).map(v -> v.value().asOf(now));
    }

    Optional<PlanApproval> changeApproval(String id, java.util.function.UnaryOperator<PlanApproval> change) {
        return parse(id).flatMap(k -> approval(k).change(change));
    }

    /** Approvals that may still be pending at {@code now} by their metadata, up to {@link #MAX_LISTED}. */
    List<PlanApproval> pendingApprovals(Instant now) {
        List<PlanApproval> found = new ArrayList<>();
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(APPROVALS)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        try {
            for (var item : container.listBlobs(options, null)) {
                if (found.size() >= MAX_LISTED) {
                    break;
                }
                Map<String, String> metadata = item.getMetadata();
                boolean mayBePending = metadata == null || !metadata.containsKey(STATE_METADATA)
                        || PlanApproval.State.Pending.name().equals(metadata.get(STATE_METADATA))
                        && now.toEpochMilli() < Long.parseLong(metadata.getOrDefault(EXPIRES_METADATA, "0"));
                if (mayBePending) {
                    String id = item.getName().substring(APPROVALS.length(), item.getName().length() - ".json".length());
                    approval(id, now).filter(a -> a.state() == PlanApproval.State.Pending).ifPresent(found::add);
                }
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        return found;
    }

    private VersionedBlob<ActionRecord> action(String key) {
        return VersionedBlob.of(container.getBlobClient(ACTIONS + key + ".json"), "plan action " + key,
                ActionRecord.class);
    }

    private VersionedBlob<PlanApproval> approval(String id) {
        return VersionedBlob.of(container.getBlobClient(APPROVALS + id + ".json"), "plan approval " + id,
                PlanApproval.class).withMetadata(a -> Map.of(STATE_METADATA, a.state().name(),
                        EXPIRES_METADATA, String.valueOf(a.expiresAt().toEpochMilli())));
    }

    /** Keys are UUIDs: anything else names no record (and never reaches a blob name). */
    static Optional<String> parse(String key) {
        try {
            return Optional.of(UUID.fromString(key).toString()).filter(u -> u.equalsIgnoreCase(key));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
