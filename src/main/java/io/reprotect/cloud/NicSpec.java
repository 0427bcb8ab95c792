package io.reprotect.cloud;

import java.util.Map;

/**
 * A network interface to create with one IP configuration.
 *
 * @param privateIp              a static private IP, or null for a dynamic one
 * @param networkSecurityGroupId or null
 * @param publicIpId             a public IP to attach to the IP configuration, or null
 */
public record NicSpec(String resourceGroup, String name, String region, String subnetId, String privateIp,
                      String networkSecurityGroupId, boolean acceleratedNetworking, Map<String, String> tags,
                      String publicIpId) {

    public NicSpec {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A NIC without public IP. */
    public NicSpec(String resourceGroup, String name, String region, String subnetId, String privateIp,
                   String networkSecurityGroupId, boolean acceleratedNetworking, Map<String, String> tags) {
        this(resourceGroup, name, region, subnetId, privateIp, networkSecurityGroupId, acceleratedNetworking, tags, null);
    }
}
