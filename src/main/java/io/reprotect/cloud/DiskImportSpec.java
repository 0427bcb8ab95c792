package io.reprotect.cloud;

import java.util.Map;

/**
 * A managed disk to create by importing a page blob ({@code createOption: Import}). The blob must be
 * a fixed VHD: its virtual size a whole number of MiB, followed by a 512-byte VHD footer
 * ({@link VhdFooter}), in a storage account of the disk's region.
 *
 * @param sourceBlobUrl     URL of the page blob, without SAS (ARM reads it with its own access)
 * @param storageAccountId  ARM id of the account that holds the blob (ARM requires it for Import)
 * @param osType            Windows or Linux for an OS disk, null for a data disk
 * @param hyperVGeneration  V1 or V2 for an OS disk (must match the VM's generation), else null
 * @param diskEncryptionSetId customer-managed key set, or null
 */
public record DiskImportSpec(String resourceGroup, String name, String region, String sku, String sourceBlobUrl,
                             String storageAccountId, String osType, String hyperVGeneration,
                             String diskEncryptionSetId, Map<String, String> tags) {

    public DiskImportSpec {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
