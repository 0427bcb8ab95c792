package io.reprotect.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** NICs, virtual networks and subnets. Throws {@link CloudException} on failure. */
public interface Networks {

    /** The NIC as a VM uses it (subnet, private IP, NSG, public IP), or empty when it does not exist. */
    Optional<VmShape.Nic> findNic(String nicId);

    /**
     * Creates the NIC and waits. Idempotent per name: an existing NIC of that name in the same subnet is
     * returned unchanged; one in another subnet is a {@link CloudException.Conflict}.
     */
    VmShape.Nic createNic(NicSpec spec);

    /** The NIC's tags (empty map for none), or empty when the NIC does not exist. */
    Optional<Map<String, String>> findNicTags(String nicId);

    /**
     * The ids of the virtual networks {@code virtualNetworkId} is peered with
     * ({@code properties.virtualNetworkPeerings[].properties.remoteVirtualNetwork.id}); empty when it has no peering
     * or does not exist.
     */
    List<String> peeredNetworkIds(String virtualNetworkId);

    /** The public IP address, or empty when it does not exist. */
    Optional<PublicIpInfo> findPublicIp(String publicIpId);

    /** Deletes the NIC and waits. Idempotent: a NIC that is already gone is success. */
    void deleteNic(String nicId);

    /** The subnet, or empty when it (or its virtual network) does not exist. */
    Optional<SubnetInfo> findSubnet(String subnetId);

    /** Whether {@code privateIp} is inside the subnet's virtual network and used by nothing (ARM's CheckIPAddressAvailability). */
    boolean isPrivateIpFree(String virtualNetworkId, String privateIp);
}
