package io.reprotect.cloud;

import java.time.Instant;

/**
 * A disk snapshot. {@code provisioningState} is Succeeded once it can be read.
 *
 * @param timeCreated when Azure took the snapshot ({@code properties.timeCreated}): the instant its bytes were
 *        captured; null when Azure did not say
 * @param tags the snapshot's tags (the engine's ownership tags among them), never null
 */
public record SnapshotInfo(String id, String name, String resourceGroup, String region, String sourceDiskId,
                           boolean incremental, int sizeGb, String provisioningState, Instant timeCreated,
                           java.util.Map<String, String> tags) {

    public SnapshotInfo {
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }

    /** A snapshot whose tags were not read. */
    public SnapshotInfo(String id, String name, String resourceGroup, String region, String sourceDiskId,
                        boolean incremental, int sizeGb, String provisioningState, Instant timeCreated) {
        this(id, name, resourceGroup, region, sourceDiskId, incremental, sizeGb, provisioningState, timeCreated, null);
    }

    /**
     * The capture time of snapshots taken one after another: the latest {@code timeCreated}, since every write
     * before it is in at least that last snapshot's disk, or null when Azure did not say for one of them.
     */
    public static Instant latestTimeCreated(java.util.Collection<SnapshotInfo> snapshots) {
        if (snapshots.isEmpty() || snapshots.stream().anyMatch(s -> s.timeCreated() == null)) {
            return null;
        }
        return snapshots.stream().map(SnapshotInfo::timeCreated).max(Instant::compareTo).orElseThrow();
    }
}
