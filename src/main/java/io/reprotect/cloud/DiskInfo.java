package io.reprotect.cloud;

/**
 * A managed disk.
 *
 * @param sizeGb    provisioned size in GiB ({@code diskSizeGB})
 * @param sizeBytes exact size in bytes ({@code diskSizeBytes}); sizeGb * 2^30 when ARM omits it
 * @param sku       e.g. Premium_LRS, StandardSSD_LRS
 * @param diskState e.g. Attached, Unattached, ActiveSAS, Reserved
 * @param managedBy id of the VM it is attached to, or null
 */
public record DiskInfo(String id, String name, String resourceGroup, String region, int sizeGb, long sizeBytes,
                       String sku, String diskState, String managedBy) {
}
