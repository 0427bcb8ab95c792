package io.reprotect.cloud;

import java.util.Map;

/**
 * A managed disk.
 *
 * @param sizeGb    provisioned size in GiB ({@code diskSizeGB})
 * @param sizeBytes exact size in bytes ({@code diskSizeBytes}); sizeGb * 2^30 when ARM omits it
 * @param sku       e.g. Premium_LRS, StandardSSD_LRS
 * @param diskState e.g. Attached, Unattached, ActiveSAS, Reserved
 * @param managedBy id of the VM it is attached to, or null
 * @param provisioningState Succeeded once usable; Creating or Updating while ARM still works on it (an import
 *                  from a blob reads the blob until then); Failed
 * @param sourceUri the blob it was imported from ({@code creationData.sourceUri}), or null
 * @param uniqueId  Azure's unique id of this disk ({@code properties.uniqueId}): a disk deleted and created
 *                  again under the same name has another
 * @param tags      the disk's tags (never null)
 */
public record DiskInfo(String id, String name, String resourceGroup, String region, int sizeGb, long sizeBytes,
                       String sku, String diskState, String managedBy, String provisioningState, String sourceUri,
                       String uniqueId, Map<String, String> tags) {

    /** ARM's provisioning state of a resource that is ready. */
    public static final String SUCCEEDED = "Succeeded";
    /** ARM's provisioning state of a resource whose creation failed. */
    public static final String FAILED = "Failed";

    public DiskInfo {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Whether ARM still creates or updates the disk (neither Succeeded nor Failed): an import may still read its blob. */
    public boolean inProgress() {
        return provisioningState != null && !SUCCEEDED.equalsIgnoreCase(provisioningState)
                && !FAILED.equalsIgnoreCase(provisioningState);
    }
}
