package io.reprotect.cloud;

/** A storage account. {@code blobEndpoint} ends with '/'; {@code tags} never null. */
public record StorageAccountInfo(String id, String name, String resourceGroup, String region, String sku, String kind,
                                 String blobEndpoint, String provisioningState, java.util.Map<String, String> tags) {

    public StorageAccountInfo {
        tags = tags == null ? java.util.Map.of() : java.util.Map.copyOf(tags);
    }
}
