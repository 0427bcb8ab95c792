package io.reprotect.cloud;

/**
 * A storage account to create when missing.
 *
 * @param subscriptionId where it is created (an ARM call goes to this subscription)
 *
 * @param name 3-24 lowercase letters and digits, unique across Azure
 * @param sku  e.g. Standard_LRS (cache accounts), Premium_LRS
 * @param kind e.g. StorageV2, BlockBlobStorage
 * @param tags tags the account is created with
 */
public record StorageAccountSpec(String subscriptionId, String resourceGroup, String name, String region, String sku, String kind,
        java.util.Map<String, String> tags) {

    public StorageAccountSpec {
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }

    /** The same account, created with {@code value} as its tags. */
    public StorageAccountSpec withTags(java.util.Map<String, String> value) {
        return new StorageAccountSpec(subscriptionId, resourceGroup, name, region, sku, kind, value);
    }

    /** A general-purpose v2, locally redundant account: what ASR uses for cache accounts. */
    public static StorageAccountSpec standardV2(String subscriptionId, String resourceGroup, String name, String region) {
        return new StorageAccountSpec(subscriptionId, resourceGroup, name, region, "Standard_LRS", "StorageV2", null);
    }
}
