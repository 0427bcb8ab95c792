package io.reprotect.cloud;

/** A subnet of a virtual network. {@code addressPrefix} in CIDR, e.g. 10.0.1.0/24. */
public record SubnetInfo(String id, String name, String virtualNetworkId, String addressPrefix,
                         String networkSecurityGroupId) {
}
