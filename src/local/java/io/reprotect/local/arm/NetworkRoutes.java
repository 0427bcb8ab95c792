package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * Microsoft.Network: virtual networks with their subnets, CheckIPAddressAvailability, and network
 * interfaces with one IP configuration (static or dynamic private IP, NSG, accelerated networking).
 * As Azure: a static IP must lie in the subnet and be free; the first four addresses of a subnet
 * and its last are reserved; a NIC attached to a VM cannot be deleted; PUTs answer 201 on create. Virtual
 * networks list their peerings ({@code properties.virtualNetworkPeerings}); public IP addresses name the IP
 * configuration that uses them ({@code properties.ipConfiguration.id}), one at most: a NIC that references one in
 * use is refused ({@code PublicIPAddressInUse}), and one in use cannot be deleted.
 */
final class NetworkRoutes {

    static final String NS = "Microsoft.Network";
    static final String VNET = "Microsoft.Network/virtualNetworks";
    static final String NIC = "Microsoft.Network/networkInterfaces";
    static final String PUBLIC_IP = "Microsoft.Network/publicIPAddresses";
    /** Azure reserves the first four addresses of every subnet (network, gateway, two for DNS). */
    static final int RESERVED_AT_START = 4;

    private final ArmStore store;
    private final LongRunningOperations lro;

    NetworkRoutes(ArmStore store, LongRunningOperations lro) {
        this.store = store;
        this.lro = lro;
    }

    ArmResponse handle(ArmRequest r, ResourcePath p) {
        return switch (p.type().toLowerCase(Locale.ROOT)) {
            case "virtualnetworks" -> virtualNetwork(r, p);
            case "networkinterfaces" -> nic(r, p);
            case "publicipaddresses" -> publicIp(r, p);
            default -> ArmStandIn.unsupported(r);
        };
    }

    // ---- virtual networks and subnets ----

    private ArmResponse virtualNetwork(ArmRequest r, ResourcePath p) {
        ObjectNode vnet = store.get(p.id());
        String step = p.rest(0).toLowerCase(Locale.ROOT);
        if (vnet == null && !(r.method().equals("PUT") && step.isEmpty())) {
            return r.method().equals("DELETE") ? ArmResponse.noContent() : ArmResponse.notFound(VNET, p.name(), p.resourceGroup());
        }
        return switch (r.method() + " " + step) {
            case "GET " -> ArmResponse.ok(vnet.deepCopy());
            case "PUT " -> vnet != null ? ArmResponse.ok(vnet.deepCopy()) : ArmResponse.of(201, store.get(
                    createVirtualNetwork(p.subscriptionId(), p.resourceGroup(), p.name(), Json.at(r.body(), "/location"),
                            r.body())).deepCopy());
            case "GET subnets" -> subnet(vnet, p.rest(1)) == null
                    ? ArmResponse.notFound(VNET + "/subnets", p.name() + "/" + p.rest(1), p.resourceGroup())
                    : ArmResponse.ok(subnet(vnet, p.rest(1)).deepCopy());
            case "GET checkipaddressavailability" -> checkIp(vnet, r.query().get("ipAddress"));
            case "DELETE " -> {
                if (store.ofType(NIC).stream().anyMatch(n -> subnetOf(n).toLowerCase(Locale.ROOT)
                        .startsWith(p.id().toLowerCase(Locale.ROOT) + "/"))) {
                    yield ArmResponse.error(400, "InUseSubnetCannotBeDeleted", "Subnet of " + p.name()
                            + " is in use by a network interface and cannot be deleted.");
                }
                store.remove(p.id());
                yield ArmResponse.ok(null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    /** A virtual network from a PUT body: addressSpace.addressPrefixes and subnets (name, addressPrefix, NSG). */
    String createVirtualNetwork(String sub, String rg, String name, String region, JsonNode body) {
        String id = ResourcePath.id(sub, rg, VNET, name);
        ObjectNode vnet = Json.resource(id, name, VNET, region, body.get("tags"));
        ObjectNode props = Json.props(vnet);
        props.remove("timeCreated");
        props.put("provisioningState", "Succeeded");
        props.set("addressSpace", body.at("/properties/addressSpace").deepCopy());
        props.putArray("virtualNetworkPeerings");
        ArrayNode subnets = props.putArray("subnets");
        for (JsonNode s : body.at("/properties/subnets")) {
            String subnetName = s.path("name").asText();
            ObjectNode subnet = subnets.addObject();
            subnet.put("id", id + "/subnets/" + subnetName).put("name", subnetName)
                    .put("type", VNET + "/subnets");
            ObjectNode sp = subnet.putObject("properties").put("provisioningState", "Succeeded")
                    .put("addressPrefix", s.at("/properties/addressPrefix").asText());
            if (s.at("/properties/networkSecurityGroup/id").isTextual()) {
                sp.putObject("networkSecurityGroup").put("id", s.at("/properties/networkSecurityGroup/id").asText());
            }
        }
        store.put(vnet);
        return id;
    }

    /**
     * Peers {@code vnetId} with {@code remoteId} in both directions, as two peerings created by a person do:
     * {@code properties.virtualNetworkPeerings[]} with {@code remoteVirtualNetwork.id}, Connected.
     */
    void peer(String vnetId, String remoteId) {
        for (String[] pair : new String[][] {{vnetId, remoteId}, {remoteId, vnetId}}) {
            ObjectNode vnet = store.get(pair[0]);
            ObjectNode remote = store.get(pair[1]);
            if (vnet == null || remote == null) {
                throw new IllegalArgumentException("no virtual network " + (vnet == null ? pair[0] : pair[1]));
            }
            ObjectNode props = Json.props(vnet);
            ArrayNode peerings = props.has("virtualNetworkPeerings") ? (ArrayNode) props.get("virtualNetworkPeerings")
                    : props.putArray("virtualNetworkPeerings");
            String name = "to-" + remote.get("name").asText();
            ObjectNode peering = peerings.addObject().put("name", name)
                    .put("id", vnet.get("id").asText() + "/virtualNetworkPeerings/" + name)
                    .put("type", VNET + "/virtualNetworkPeerings");
            ObjectNode pp = peering.putObject("properties").put("provisioningState", "Succeeded")
                    .put("peeringState", "Connected").put("peeringSyncLevel", "FullyInSync")
                    .put("allowVirtualNetworkAccess", true).put("allowForwardedTraffic", false)
                    .put("allowGatewayTransit", false).put("useRemoteGateways", false);
            pp.putObject("remoteVirtualNetwork").put("id", remote.get("id").asText());
            pp.set("remoteAddressSpace", remote.at("/properties/addressSpace").deepCopy());
        }
    }

    // ---- public IP addresses ----

    private ArmResponse publicIp(ArmRequest r, ResourcePath p) {
        ObjectNode ip = store.get(p.id());
        if (ip == null && !r.method().equals("PUT")) {
            return r.method().equals("DELETE") ? ArmResponse.noContent()
                    : ArmResponse.notFound(PUBLIC_IP, p.name(), p.resourceGroup());
        }
        return switch (r.method()) {
            case "GET" -> ArmResponse.ok(withIpConfiguration(ip));
            case "PUT" -> {
                if (ip == null) {
                    yield ArmResponse.of(201, withIpConfiguration(store.get(createPublicIp(p.id(), p.name(),
                            Json.normaliseRegion(Json.at(r.body(), "/location")),
                            Json.at(r.body(), "/properties/deleteOption"), r.body().get("tags")))));
                }
                Json.updateTags(ip, r.body());
                String option = Json.at(r.body(), "/properties/deleteOption");
                if (option != null) {
                    Json.props(ip).put("deleteOption", option);
                }
                yield ArmResponse.ok(withIpConfiguration(ip));
            }
            case "DELETE" -> {
                String user = ipConfigurationUsing(p.id());
                if (user != null) {
                    yield ArmResponse.error(400, "PublicIPAddressCannotBeDeleted", "Public IP address " + p.id()
                            + " can not be deleted since it is still allocated to resource " + user + ".");
                }
                store.remove(p.id());
                yield ArmResponse.ok(null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    /**
     * A Standard static public IP with an address from the documentation range; {@code deleteOption} (what happens
     * to it when the VM it was created with is deleted) is Detach unless given.
     */
    String createPublicIp(String id, String name, String region, String deleteOption, JsonNode tags) {
        ObjectNode ip = Json.resource(id, name, PUBLIC_IP, region, tags);
        ip.putObject("sku").put("name", "Standard").put("tier", "Regional");
        ObjectNode props = Json.props(ip);
        props.remove("timeCreated");
        props.put("provisioningState", "Succeeded").put("publicIPAllocationMethod", "Static")
                .put("publicIPAddressVersion", "IPv4").put("idleTimeoutInMinutes", 4)
                .put("ipAddress", "203.0.113." + (1 + store.ofType(PUBLIC_IP).size() % 254))
                .put("deleteOption", deleteOption == null ? VmDeleteOptions.DETACH : deleteOption);
        store.put(ip);
        return id;
    }

    /** The public IP as ARM returns it: with the IP configuration that uses it, when one does. */
    private ObjectNode withIpConfiguration(ObjectNode ip) {
        ObjectNode copy = ip.deepCopy();
        String user = ipConfigurationUsing(ip.get("id").asText());
        if (user != null) {
            Json.props(copy).putObject("ipConfiguration").put("id", user);
        }
        return copy;
    }

    /** The id of the NIC IP configuration that references the public IP, or null. */
    private String ipConfigurationUsing(String publicIpId) {
        for (ObjectNode nic : store.ofType(NIC)) {
            for (JsonNode config : nic.at("/properties/ipConfigurations")) {
                if (publicIpId.equalsIgnoreCase(Json.at(config, "/properties/publicIPAddress/id"))) {
                    return config.get("id").asText();
                }
            }
        }
        return null;
    }

    /** Sets (or with null removes) the public IP of the NIC's first IP configuration, for seeding. */
    void setPublicIp(String nicId, String publicIpId) {
        ObjectNode config = (ObjectNode) store.get(nicId).at("/properties/ipConfigurations/0/properties");
        if (publicIpId == null) {
            config.remove("publicIPAddress");
        } else {
            config.putObject("publicIPAddress").put("id", publicIpId);
        }
    }

    private static ObjectNode subnet(ObjectNode vnet, String name) {
        for (JsonNode s : vnet.at("/properties/subnets")) {
            if (s.path("name").asText().equalsIgnoreCase(name)) {
                return (ObjectNode) s;
            }
        }
        return null;
    }

    private ObjectNode subnetById(String subnetId) {
        int at = subnetId == null ? -1 : subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/");
        ObjectNode vnet = at < 0 ? null : store.get(subnetId.substring(0, at));
        return vnet == null ? null : subnet(vnet, subnetId.substring(at + "/subnets/".length()));
    }

    private ArmResponse checkIp(ObjectNode vnet, String ip) {
        if (ip == null || Ipv4.parse(ip) < 0) {
            return ArmResponse.error(400, "InvalidRequestFormat", "ipAddress '" + ip + "' is not a valid IPv4 address.");
        }
        boolean inSpace = false;
        for (JsonNode prefix : vnet.at("/properties/addressSpace/addressPrefixes")) {
            inSpace |= Ipv4.contains(prefix.asText(), ip);
        }
        ObjectNode answer = ArmResponse.JSON.createObjectNode();
        if (!inSpace) {
            return ArmResponse.error(400, "PrivateIPAddressNotInAnySubnet", "Private static IP address " + ip
                    + " does not belong to the range of any subnet in virtual network " + vnet.get("name").asText() + ".");
        }
        boolean free = owner(ip, vnet.get("id").asText()) == null && !reserved(vnet, ip);
        answer.put("available", free);
        if (!free) {
            answer.putArray("availableIPAddresses");
        }
        return ArmResponse.ok(answer);
    }

    private boolean reserved(ObjectNode vnet, String ip) {
        for (JsonNode s : vnet.at("/properties/subnets")) {
            String prefix = s.at("/properties/addressPrefix").asText();
            if (Ipv4.contains(prefix, ip)) {
                long offset = Ipv4.parse(ip) - Ipv4.network(prefix);
                return offset < RESERVED_AT_START || offset == Ipv4.size(prefix) - 1;
            }
        }
        return false;
    }

    /** The NIC that holds {@code ip} in the virtual network {@code vnetId}, or null. */
    private ObjectNode owner(String ip, String vnetId) {
        return store.ofType(NIC).stream().filter(n -> subnetOf(n).toLowerCase(Locale.ROOT)
                        .startsWith(vnetId.toLowerCase(Locale.ROOT) + "/"))
                .filter(n -> ip.equals(Json.at(n, "/properties/ipConfigurations/0/properties/privateIPAddress")))
                .findFirst().orElse(null);
    }

    private static String subnetOf(JsonNode nic) {
        String s = Json.at(nic, "/properties/ipConfigurations/0/properties/subnet/id");
        return s == null ? "" : s;
    }

    // ---- network interfaces ----

    private ArmResponse nic(ArmRequest r, ResourcePath p) {
        ObjectNode nic = store.get(p.id());
        if (nic == null && !r.method().equals("PUT")) {
            return r.method().equals("DELETE") ? ArmResponse.noContent() : ArmResponse.notFound(NIC, p.name(), p.resourceGroup());
        }
        return switch (r.method()) {
            case "GET" -> ArmResponse.ok(nic.deepCopy());
            case "PUT" -> nic != null ? updateNic(nic, r.body()) : createNic(r, p);
            case "DELETE" -> {
                if (nic.hasNonNull("properties") && nic.at("/properties/virtualMachine/id").isTextual()) {
                    yield ArmResponse.error(400, "NicInUse", "Network Interface " + p.id() + " is used by existing "
                            + "resource " + nic.at("/properties/virtualMachine/id").asText() + ". In order to delete the "
                            + "network interface, it must be dissociated from the resource.");
                }
                yield lro.accept(r, LongRunningOperations.Kind.NETWORK, nic.get("location").asText(), null, () -> store.remove(p.id()), null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    private static ArmResponse updateNic(ObjectNode nic, JsonNode body) {
        Json.updateTags(nic, body);
        return ArmResponse.ok(nic.deepCopy());
    }

    /** Creates a NIC from a PUT body, for seeding. */
    ArmResponse createNicForSeed(ArmRequest r, String id, String rg, String name) {
        return createNic(r, new ResourcePath(r.subscriptionId(), rg, NS, "networkInterfaces", name, List.of()));
    }

    private ArmResponse createNic(ArmRequest r, ResourcePath p) {
        JsonNode ipConfig = r.body().at("/properties/ipConfigurations/0");
        String subnetId = Json.at(ipConfig, "/properties/subnet/id");
        ObjectNode subnet = subnetById(subnetId);
        if (subnet == null) {
            return ArmResponse.error(400, "InvalidResourceReference", "Resource " + subnetId + " referenced by resource "
                    + p.id() + " was not found. Please make sure that the referenced resource exists.");
        }
        String vnetId = subnetId.substring(0, subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/"));
        if (!store.get(vnetId).get("location").asText().equals(Json.normaliseRegion(Json.at(r.body(), "/location")))) {
            return ArmResponse.error(400, "InvalidResourceReference", "Subnet " + subnetId + " is not in the NIC's region.");
        }
        String prefix = subnet.at("/properties/addressPrefix").asText();
        boolean isStatic = "Static".equalsIgnoreCase(Json.at(ipConfig, "/properties/privateIPAllocationMethod"));
        String ip = isStatic ? Json.at(ipConfig, "/properties/privateIPAddress") : firstFree(prefix, vnetId);
        if (isStatic && (ip == null || !Ipv4.contains(prefix, ip))) {
            return ArmResponse.error(400, "PrivateIPAddressNotInSubnet", "Private static IP address " + ip
                    + " does not belong to the range of subnet prefix " + prefix + ".");
        }
        ObjectNode holder = ip == null ? null : owner(ip, vnetId);
        if (ip == null || holder != null || reserved(store.get(vnetId), ip)) {
            return ArmResponse.error(400, "PrivateIPAddressInUse", "IP configuration " + p.id()
                    + "/ipConfigurations/ipconfig1 is using the private IP address " + ip + " which is already allocated to "
                    + (holder == null ? "Azure (reserved)" : "resource " + holder.get("id").asText()) + ".");
        }
        String publicIpId = Json.at(ipConfig, "/properties/publicIPAddress/id");
        if (publicIpId != null && store.get(publicIpId) == null) {
            return ArmResponse.error(400, "InvalidResourceReference", "Resource " + publicIpId + " referenced by resource "
                    + p.id() + " was not found. Please make sure that the referenced resource exists, and that both "
                    + "resources are in the same region.");
        }
        String publicIpUser = publicIpId == null ? null : ipConfigurationUsing(publicIpId);
        if (publicIpUser != null) {
            return ArmResponse.error(400, "PublicIPAddressInUse", "Resource " + p.id() + "/ipConfigurations/"
                    + ipConfig.path("name").asText("ipconfig1") + " is referencing public IP address " + publicIpId
                    + " that is already allocated to resource " + publicIpUser + ".");
        }
        ObjectNode nic = Json.resource(p.id(), p.name(), NIC, Json.at(r.body(), "/location"), r.body().get("tags"));
        ObjectNode props = Json.props(nic);
        props.remove("timeCreated");
        props.put("provisioningState", "Succeeded").put("primary", false)
                .put("enableAcceleratedNetworking", r.body().at("/properties/enableAcceleratedNetworking").asBoolean(false));
        if (r.body().at("/properties/networkSecurityGroup/id").isTextual()) {
            props.putObject("networkSecurityGroup").put("id", r.body().at("/properties/networkSecurityGroup/id").asText());
        }
        String configName = ipConfig.path("name").asText("ipconfig1");
        ObjectNode config = props.putArray("ipConfigurations").addObject();
        config.put("id", p.id() + "/ipConfigurations/" + configName).put("name", configName);
        ObjectNode cp = config.putObject("properties").put("provisioningState", "Succeeded")
                .put("privateIPAddress", ip).put("privateIPAllocationMethod", isStatic ? "Static" : "Dynamic")
                .put("primary", true).put("privateIPAddressVersion", "IPv4");
        cp.putObject("subnet").put("id", subnetId);
        if (ipConfig.at("/properties/publicIPAddress/id").isTextual()) {
            cp.putObject("publicIPAddress").put("id", ipConfig.at("/properties/publicIPAddress/id").asText());
        }
        store.put(nic);
        return ArmResponse.of(201, nic.deepCopy());
    }

    private String firstFree(String prefix, String vnetId) {
        long network = Ipv4.network(prefix);
        for (long offset = RESERVED_AT_START; offset < Ipv4.size(prefix) - 1; offset++) {
            String candidate = Ipv4.format(network + offset);
            if (owner(candidate, vnetId) == null) {
                return candidate;
            }
        }
        return null;
    }

    /** A public IP in the NIC's group and region, associated with its first IP configuration, for seeding. */
    String createPublicIpForSeed(String nicId, String name, String deleteOption) {
        ObjectNode nic = store.get(nicId);
        String id = nicId.substring(0, nicId.toLowerCase(Locale.ROOT).indexOf("/providers/")) + "/providers/"
                + PUBLIC_IP + "/" + name;
        createPublicIp(id, name, nic.get("location").asText(), deleteOption, null);
        ((ObjectNode) nic.at("/properties/ipConfigurations/0/properties")).putObject("publicIPAddress").put("id", id);
        return id;
    }

    /** Marks the NIC as used by {@code vmId} (null: free again). */
    void attach(String nicId, String vmId) {
        ObjectNode nic = store.get(nicId);
        if (nic != null) {
            if (vmId == null) {
                Json.props(nic).remove("virtualMachine");
            } else {
                Json.props(nic).putObject("virtualMachine").put("id", vmId);
            }
        }
    }
}
