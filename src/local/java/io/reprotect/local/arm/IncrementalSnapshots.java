package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the stand-in adds for incremental snapshots ({@code "incremental": true} on PUT snapshot):
 * Azure's limits ({@link IncrementalSnapshotLimits}), the {@code incrementalSnapshotFamilyId} of
 * the REST shape (one per disk), and read SAS URLs served by the {@link DiskDataPlane}, which
 * answers their page-range diffs.
 */
final class IncrementalSnapshots {

    private final ArmStore store;
    private final IncrementalSnapshotLimits limits;
    private final Supplier<String> endpoint;

    IncrementalSnapshots(ArmStore store, IncrementalSnapshotLimits limits, Supplier<String> endpoint) {
        this.store = store;
        this.limits = limits;
        this.endpoint = endpoint;
    }

    /** The refusal of one more incremental snapshot of disk, or null. */
    /** Now, on the limits' clock: a snapshot taken now has this {@code timeCreated}. */
    java.time.Instant now() {
        return limits.now();
    }

    ArmResponse refusal(String diskId) {
        long existing = store.ofType(ComputeRoutes.SNAPSHOT).stream()
                .filter(s -> Json.props(s).path("incremental").asBoolean(false))
                .filter(s -> diskId.equalsIgnoreCase(Json.at(s, "/properties/creationData/sourceResourceId")))
                .count();
        return limits.check(diskId, existing);
    }

    /** Records the snapshot as taken and gives it its family id. */
    void taken(ObjectNode snapshot, ObjectNode disk) {
        limits.taken(disk.get("id").asText());
        String family = UUID.nameUUIDFromBytes(Json.at(disk, "/properties/uniqueId").getBytes(StandardCharsets.UTF_8))
                .toString();
        Json.props(snapshot).put("incrementalSnapshotFamilyId", family);
    }

    static boolean isIncremental(ObjectNode resource) {
        return resource.get("type").asText().equalsIgnoreCase(ComputeRoutes.SNAPSHOT)
                && Json.props(resource).path("incremental").asBoolean(false);
    }

    /** The read SAS URL handed out for an incremental snapshot: on the stand-in, which answers diffs. */
    String sasUrl(String azuriteUrl) {
        return DiskDataPlane.servedUrl(azuriteUrl, endpoint.get());
    }
}
