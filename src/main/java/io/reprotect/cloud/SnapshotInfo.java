package io.reprotect.cloud;

/** A disk snapshot. {@code provisioningState} is Succeeded once it can be read. */
public record SnapshotInfo(String id, String name, String resourceGroup, String region, String sourceDiskId,
                           boolean incremental, int sizeGb, String provisioningState) {
}
