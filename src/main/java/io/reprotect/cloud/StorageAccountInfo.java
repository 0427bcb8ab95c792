package io.reprotect.cloud;

/** A storage account. {@code blobEndpoint} ends with '/'. */
public record StorageAccountInfo(String id, String name, String resourceGroup, String region, String sku, String kind,
                                 String blobEndpoint, String provisioningState) {
}
