package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * PUT of a new VM over existing managed disks (createOption Attach) and NICs, checked as Azure
 * checks it: size and OS type given, every disk and NIC exists in the VM's region and is used by no
 * other VM, LUNs unique, availability set present, a TrustedLaunch or ConfidentialVM needs a V2 OS
 * disk. Answers 201 and a long-running operation; Azure starts a new VM, so it ends running.
 */
final class VmCreation {

    private final ArmStore store;
    private final LongRunningOperations lro;
    private final VmStates vms;
    private final NetworkRoutes network;

    VmCreation(ArmStore store, LongRunningOperations lro, VmStates vms, NetworkRoutes network) {
        this.store = store;
        this.lro = lro;
        this.vms = vms;
        this.network = network;
    }

    ArmResponse create(ArmRequest r, ResourcePath p) {
        JsonNode body = r.body();
        String region = Json.normaliseRegion(Json.at(body, "/location"));
        String error = validate(body, region);
        if (error != null) {
            return ArmResponse.error(error.startsWith("409 ") ? 409 : 400, error.startsWith("409 ")
                    ? "OperationNotAllowed" : "InvalidParameter", error.replaceFirst("^409 ", ""));
        }
        String id = p.id();
        ObjectNode vm = Json.resource(id, p.name(), ComputeRoutes.VM, region, body.get("tags"));
        for (String top : List.of("zones", "identity", "plan")) {
            if (body.has(top)) {
                vm.set(top, body.get(top).deepCopy());
            }
        }
        ObjectNode props = Json.props(vm);
        ((ObjectNode) body.get("properties")).fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue().deepCopy()));
        props.put("vmId", UUID.randomUUID().toString()).put("provisioningState", "Creating");
        describeDisks((ObjectNode) props.get("storageProfile"));
        VmDeleteOptions.fillDefaults(vm);
        props.putObject("instanceView").putArray("statuses");
        vm.putArray("resources");
        String setId = Json.at(body, "/properties/availabilitySet/id");
        if (setId != null) {
            ((ArrayNode) store.get(setId).at("/properties/virtualMachines")).addObject().put("id", id);
        }
        for (JsonNode nic : body.at("/properties/networkProfile/networkInterfaces")) {
            network.attach(nic.path("id").asText(), id);
        }
        store.put(vm);
        vms.setPowerState(vm, "starting");
        Json.props(vm).put("provisioningState", "Creating");
        // a creation that finds no capacity (AllocationFailed) leaves the VM deallocated, provisioningState Failed
        return new ArmResponse(201, lro.accept(r, LongRunningOperations.Kind.COMPUTE, region, null,
                () -> vms.setPowerState(vm, "running"), null, () -> {
                    vms.setPowerState(vm, "deallocated");
                    Json.props(vm).put("provisioningState", "Failed");
                }).headers(), vms.view(vm, false));
    }

    private String validate(JsonNode body, String region) {
        if (Json.at(body, "/properties/hardwareProfile/vmSize") == null) {
            return "Required parameter 'hardwareProfile.vmSize' is missing (null).";
        }
        JsonNode os = body.at("/properties/storageProfile/osDisk");
        if (!"Attach".equalsIgnoreCase(os.path("createOption").asText())) {
            return "The stand-in creates VMs from existing disks only (osDisk.createOption Attach).";
        }
        if (Json.at(os, "/osType") == null) {
            return "Required parameter 'osDisk.osType' is missing (null) for a disk with createOption Attach.";
        }
        String diskError = checkDisk(Json.at(os, "/managedDisk/id"), region);
        if (diskError != null) {
            return diskError;
        }
        String security = Json.at(body, "/properties/securityProfile/securityType");
        String generation = Json.at(store.get(Json.at(os, "/managedDisk/id")), "/properties/hyperVGeneration");
        if (security != null && !"V2".equalsIgnoreCase(generation)) {
            return "Security type " + security + " requires a HyperVGeneration V2 OS disk; the disk is "
                    + (generation == null ? "V1" : generation) + ".";
        }
        Set<Integer> luns = new HashSet<>();
        for (JsonNode d : body.at("/properties/storageProfile/dataDisks")) {
            if (!luns.add(d.path("lun").asInt(-1)) || d.path("lun").asInt(-1) < 0) {
                return "Data disk LUN " + d.path("lun") + " is missing or used twice.";
            }
            String e = checkDisk(Json.at(d, "/managedDisk/id"), region);
            if (e != null) {
                return e;
            }
        }
        JsonNode nics = body.at("/properties/networkProfile/networkInterfaces");
        if (!nics.isArray() || nics.isEmpty()) {
            return "Required parameter 'networkProfile.networkInterfaces' is missing or empty.";
        }
        for (JsonNode nic : nics) {
            ObjectNode n = store.get(nic.path("id").asText());
            if (n == null) {
                return "Network interface " + nic.path("id").asText() + " was not found.";
            }
            if (!n.get("location").asText().equals(region)) {
                return "Network interface " + n.get("id").asText() + " is in " + n.get("location").asText()
                        + ", not in the VM's region " + region + ".";
            }
            if (n.at("/properties/virtualMachine/id").isTextual()) {
                return "409 Network interface " + n.get("id").asText() + " is used by VM "
                        + n.at("/properties/virtualMachine/id").asText() + ".";
            }
        }
        String setId = Json.at(body, "/properties/availabilitySet/id");
        if (setId != null && store.get(setId) == null) {
            return "Availability set " + setId + " was not found.";
        }
        return null;
    }

    private String checkDisk(String diskId, String region) {
        ObjectNode disk = diskId == null ? null : store.get(diskId);
        if (disk == null || !disk.get("type").asText().equalsIgnoreCase(ComputeRoutes.DISK)) {
            return "Managed disk " + diskId + " was not found.";
        }
        if (!disk.get("location").asText().equals(region)) {
            return "Managed disk " + diskId + " is in " + disk.get("location").asText() + ", not in " + region + ".";
        }
        if (disk.hasNonNull("managedBy")) {
            return "409 Disk " + disk.get("name").asText() + " is already attached to VM " + disk.get("managedBy").asText()
                    + ".";
        }
        if ("ActiveSAS".equals(Json.at(disk, "/properties/diskState"))) {
            return "409 Disk " + disk.get("name").asText() + " has an active SAS; revoke access first.";
        }
        return null;
    }

    /** Fills each disk reference with the disk's name, SKU and size, as a VM GET shows them. */
    private void describeDisks(ObjectNode storage) {
        List<JsonNode> refs = new ArrayList<>();
        refs.add(storage.get("osDisk"));
        storage.path("dataDisks").forEach(refs::add);
        for (JsonNode ref : refs) {
            ObjectNode disk = store.get(ref.at("/managedDisk/id").asText());
            ((ObjectNode) ref).put("name", disk.get("name").asText())
                    .put("diskSizeGB", disk.at("/properties/diskSizeGB").asInt())
                    .put("caching", ref.path("caching").asText("None").toLowerCase(Locale.ROOT).equals("none")
                            ? "None" : ref.path("caching").asText());
            ((ObjectNode) ref.get("managedDisk")).put("id", disk.get("id").asText())
                    .put("storageAccountType", disk.at("/sku/name").asText());
        }
    }
}
