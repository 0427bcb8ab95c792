package io.reprotect.cloud;

import java.util.Map;

/**
 * A snapshot to create from a managed disk.
 *
 * @param subscriptionId where it is created: the source disk's subscription
 * @param region      must be the source disk's region (ARM rejects other regions for Copy)
 * @param incremental true for an incremental snapshot (billed for changed blocks only)
 */
public record SnapshotSpec(String subscriptionId, String resourceGroup, String name, String region, String sourceDiskId,
                           boolean incremental, Map<String, String> tags) {

    public SnapshotSpec {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The ARM id the snapshot has once created. */
    public String id() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Compute/snapshots/" + name;
    }
}
