package io.reprotect.cloud;

import java.util.Map;

/**
 * A network interface to create with one IP configuration.
 *
 * @param privateIp              a static private IP, or null for a dynamic one
 * @param networkSecurityGroupId or null
 */
public record NicSpec(String resourceGroup, String name, String region, String subnetId, String privateIp,
                      String networkSecurityGroupId, boolean acceleratedNetworking, Map<String, String> tags) {

    public NicSpec {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
