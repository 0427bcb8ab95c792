package io.reprotect.cloud;

import java.util.Map;

/** A resource group. */
public record ResourceGroupInfo(String id, String name, String region, String provisioningState,
                                Map<String, String> tags) {

    public ResourceGroupInfo {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
