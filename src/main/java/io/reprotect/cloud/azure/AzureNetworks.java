package io.reprotect.cloud.azure;

import com.azure.resourcemanager.network.fluent.NetworkInterfacesClient;
import com.azure.resourcemanager.network.fluent.PublicIpAddressesClient;
import com.azure.resourcemanager.network.fluent.SubnetsClient;
import com.azure.resourcemanager.network.fluent.VirtualNetworksClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.Networks;
import io.reprotect.cloud.NicSpec;
import io.reprotect.cloud.PublicIpInfo;
import io.reprotect.cloud.SubnetInfo;
import io.reprotect.cloud.VmShape;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link Networks} on ARM (Microsoft.Network). */
@ApplicationScoped
public class AzureNetworks implements Networks {

    static final String NIC_TYPE = "Microsoft.Network/networkInterfaces";
    static final String VNET_TYPE = "Microsoft.Network/virtualNetworks";
    static final String PUBLIC_IP_TYPE = "Microsoft.Network/publicIPAddresses";
    private static final String IP_CONFIG = "ipconfig1";

    private final ArmManagers managers;

    public AzureNetworks(ArmManagers managers) {
        this.managers = managers;
    }

    /** The clients of the resource's own subscription. */
    private NetworkInterfacesClient nics(ResourceId id) {
        return managers.network(id).serviceClient().getNetworkInterfaces();
    }

    private SubnetsClient subnets(ResourceId id) {
        return managers.network(id).serviceClient().getSubnets();
    }

    private VirtualNetworksClient vnets(ResourceId id) {
        return managers.network(id).serviceClient().getVirtualNetworks();
    }

    @Override
    public Optional<VmShape.Nic> findNic(String nicId) {
        ResourceId id = ArmIds.parse(nicId, NIC_TYPE);
        try {
            return Optional.of(toNic(ArmErrors.call("Reading NIC " + nicId,
                    () -> nics(id).getByResourceGroup(id.resourceGroupName(), id.name()))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public VmShape.Nic createNic(NicSpec spec) {
        String nicId = ArmIds.resourceId(ArmIds.parse(spec.subnetId(), null).subscriptionId(), spec.resourceGroup(),
                NIC_TYPE, spec.name());
        Optional<VmShape.Nic> existing = findNic(nicId);
        if (existing.isPresent()) {
            if (!existing.get().subnetId().equalsIgnoreCase(spec.subnetId())) {
                throw new CloudException.Conflict("NIC " + nicId + " exists in subnet " + existing.get().subnetId()
                        + ", not in " + spec.subnetId() + "; delete or rename it", 409, "NicInAnotherSubnet", null);
            }
            return existing.get();
        }
        NetworkInterfaceIpConfigurationInner ip = new NetworkInterfaceIpConfigurationInner().withName(IP_CONFIG)
                .withPrimary(true).withSubnet(new SubnetInner().withId(spec.subnetId()))
                .withPrivateIpAllocationMethod(spec.privateIp() == null ? IpAllocationMethod.DYNAMIC
                        : IpAllocationMethod.STATIC)
                .withPrivateIpAddress(spec.privateIp());
        if (spec.publicIpId() != null) {
            ip.withPublicIpAddress(new PublicIpAddressInner().withId(spec.publicIpId()));
        }
        NetworkInterfaceInner body = new NetworkInterfaceInner().withLocation(spec.region()).withTags(spec.tags())
                .withIpConfigurations(List.of(ip)).withEnableAcceleratedNetworking(spec.acceleratedNetworking());
        if (spec.networkSecurityGroupId() != null) {
            body.withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(spec.networkSecurityGroupId()));
        }
        return toNic(ArmErrors.call("Creating NIC " + spec.name() + " in " + spec.subnetId(),
                () -> nics(ArmIds.parse(nicId, NIC_TYPE)).createOrUpdate(spec.resourceGroup(), spec.name(), body)));
    }

    @Override
    public Optional<Map<String, String>> findNicTags(String nicId) {
        ResourceId id = ArmIds.parse(nicId, NIC_TYPE);
        try {
            NetworkInterfaceInner nic = ArmErrors.call("Reading NIC " + nicId,
                    () -> nics(id).getByResourceGroup(id.resourceGroupName(), id.name()));
            return Optional.of(nic.tags() == null ? Map.of() : Map.copyOf(nic.tags()));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> peeredNetworkIds(String virtualNetworkId) {
        ResourceId id = ArmIds.parse(virtualNetworkId, VNET_TYPE);
        try {
            var vnet = ArmErrors.call("Reading virtual network " + virtualNetworkId,
                    () -> vnets(id).getByResourceGroup(id.resourceGroupName(), id.name()));
            return vnet.virtualNetworkPeerings() == null ? List.of() : vnet.virtualNetworkPeerings().stream()
                    .map(p -> p.remoteVirtualNetwork() == null ? null : p.remoteVirtualNetwork().id())
                    .filter(Objects::nonNull).toList();
        } catch (CloudException.NotFound e) {
            return List.of();
        }
    }

    @Override
    public Optional<PublicIpInfo> findPublicIp(String publicIpId) {
        ResourceId id = ArmIds.parse(publicIpId, PUBLIC_IP_TYPE);
        PublicIpAddressesClient client = managers.network(id).serviceClient().getPublicIpAddresses();
        try {
            PublicIpAddressInner ip = ArmErrors.call("Reading public IP " + publicIpId,
                    () -> client.getByResourceGroup(id.resourceGroupName(), id.name()));
            return Optional.of(new PublicIpInfo(ip.id(), ip.ipConfiguration() == null ? null : ip.ipConfiguration().id(),
                    ip.ipAddress()));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteNic(String nicId) {
        ResourceId id = ArmIds.parse(nicId, NIC_TYPE);
        try {
            ArmErrors.run("Deleting NIC " + nicId, () -> nics(id).delete(id.resourceGroupName(), id.name()));
        } catch (CloudException.NotFound e) {
            // already gone
        }
    }

    @Override
    public Optional<SubnetInfo> findSubnet(String subnetId) {
        ResourceId id = ArmIds.parse(subnetId, VNET_TYPE + "/subnets");
        try {
            SubnetInner s = ArmErrors.call("Reading subnet " + subnetId,
                    () -> subnets(id).get(id.resourceGroupName(), id.parent().name(), id.name()));
            return Optional.of(new SubnetInfo(s.id(), s.name(), id.parent().id(), s.addressPrefix(),
                    s.networkSecurityGroup() == null ? null : s.networkSecurityGroup().id()));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isPrivateIpFree(String virtualNetworkId, String privateIp) {
        ResourceId id = ArmIds.parse(virtualNetworkId, VNET_TYPE);
        var result = ArmErrors.call("Checking IP " + privateIp + " in " + virtualNetworkId,
                () -> vnets(id).checkIpAddressAvailability(id.resourceGroupName(), id.name(), privateIp));
        return result != null && Boolean.TRUE.equals(result.available());
    }

    static VmShape.Nic toNic(NetworkInterfaceInner n) {
        List<NetworkInterfaceIpConfigurationInner> configs = n.ipConfigurations() == null ? List.of()
                : n.ipConfigurations();
        NetworkInterfaceIpConfigurationInner ip = configs.stream().filter(c -> Boolean.TRUE.equals(c.primary()))
                .findFirst().orElse(configs.isEmpty() ? null : configs.get(0));
        return new VmShape.Nic(n.id(), n.name(), Boolean.TRUE.equals(n.primary()),
                ip == null || ip.subnet() == null ? null : ip.subnet().id(), ip == null ? null : ip.privateIpAddress(),
                ip == null ? null : ArmIds.text(ip.privateIpAllocationMethod()),
                n.networkSecurityGroup() == null ? null : n.networkSecurityGroup().id(),
                ip == null || ip.publicIpAddress() == null ? null : ip.publicIpAddress().id(),
                Boolean.TRUE.equals(n.enableAcceleratedNetworking()),
                n.virtualMachine() == null ? null : n.virtualMachine().id());
    }
}
