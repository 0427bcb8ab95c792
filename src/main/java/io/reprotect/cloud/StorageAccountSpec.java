package io.reprotect.cloud;

/**
 * A storage account to create when missing.
 *
 * @param subscriptionId where it is created (an ARM call goes to this subscription)
 *
 * @param name 3-24 lowercase letters and digits, unique across Azure
 * @param sku  e.g. Standard_LRS (cache accounts), Premium_LRS
 * @param kind e.g. StorageV2, BlockBlobStorage
 */
public record StorageAccountSpec(String subscriptionId, String resourceGroup, String name, String region, String sku, String kind) {

    /** A general-purpose v2, locally redundant account: what ASR uses for cache accounts. */
    public static StorageAccountSpec standardV2(String subscriptionId, String resourceGroup, String name, String region) {
        return new StorageAccountSpec(subscriptionId, resourceGroup, name, region, "Standard_LRS", "StorageV2");
    }
}
