package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * VM records and what their power state implies for their disks: a running VM's disks are
 * Attached, a deallocated VM's disks Reserved, a deleted VM's disks Unattached (those whose delete
 * option is Detach, Compute's default; {@link VmDeleteOptions} deletes the others). Ids that point from one resource to another come back
 * as Compute writes them: attached disks and {@code managedBy} with the resource group upper-cased,
 * availability sets and their members with resource group and name upper-cased.
 */
final class VmStates {

    private final ArmStore store;

    VmStates(ArmStore store) {
        this.store = store;
    }

    String create(String sub, String rg, String name, String region, String osDiskId, List<String> dataDiskIds,
                  String availabilitySetId, JsonNode tags, String powerState) {
        String id = ResourcePath.id(sub, rg, ComputeRoutes.VM, name);
        ObjectNode vm = Json.resource(id, name, ComputeRoutes.VM, region, tags);
        ObjectNode props = Json.props(vm);
        props.put("vmId", UUID.randomUUID().toString()).put("provisioningState", "Succeeded");
        props.putObject("hardwareProfile").put("vmSize", "Standard_D2s_v3");
        ObjectNode storage = props.putObject("storageProfile");
        storage.set("osDisk", diskRef(osDiskId, -1).put("osType", "Linux"));
        ArrayNode data = storage.putArray("dataDisks");
        for (int lun = 0; lun < dataDiskIds.size(); lun++) {
            data.add(diskRef(dataDiskIds.get(lun), lun));
        }
        if (availabilitySetId != null) {
            props.putObject("availabilitySet").put("id", ResourcePath.upperCaseGroupAndName(availabilitySetId));
            ((ArrayNode) store.get(availabilitySetId).at("/properties/virtualMachines")).addObject()
                    .put("id", ResourcePath.upperCaseGroupAndName(id));
        }
        ObjectNode view = props.putObject("instanceView");
        view.putArray("statuses");
        VmDeleteOptions.fillDefaults(vm);
        store.put(vm);
        setPowerState(vm, powerState);
        return id;
    }

    private ObjectNode diskRef(String diskId, int lun) {
        ObjectNode disk = store.get(diskId);
        ObjectNode ref = ArmResponse.JSON.createObjectNode();
        if (lun >= 0) {
            ref.put("lun", lun);
        }
        ref.put("name", disk.get("name").asText()).put("createOption", "Attach").put("caching", "ReadWrite");
        ref.putObject("managedDisk").put("id", ResourcePath.upperCaseGroup(disk.get("id").asText()))
                .put("storageAccountType", disk.at("/sku/name").asText());
        ref.put("diskSizeGB", disk.at("/properties/diskSizeGB").asInt());
        return ref;
    }

    /** The VM as GET returns it: the instance view only when asked with $expand=instanceView. */
    ObjectNode view(ObjectNode vm, boolean withInstanceView) {
        ObjectNode copy = vm.deepCopy();
        if (!withInstanceView) {
            Json.props(copy).remove("instanceView");
        }
        return copy;
    }

    void setPowerState(ObjectNode vm, String powerState) {
        ArrayNode statuses = (ArrayNode) vm.at("/properties/instanceView/statuses");
        statuses.removeAll();
        statuses.addObject().put("code", "ProvisioningState/succeeded").put("level", "Info")
                .put("displayStatus", "Provisioning succeeded");
        statuses.addObject().put("code", "PowerState/" + powerState).put("level", "Info")
                .put("displayStatus", "VM " + powerState);
        Json.props(vm).put("provisioningState", "Succeeded");
        for (String diskId : diskIds(vm)) {
            ObjectNode disk = store.get(diskId);
            if (disk != null) {
                disk.put("managedBy", ResourcePath.upperCaseGroup(vm.get("id").asText()));
                if (!"ActiveSAS".equals(Json.at(disk, "/properties/diskState"))) {
                    Json.props(disk).put("diskState", restingDiskState(disk));
                }
            }
        }
    }

    /** Disk state without a SAS: Attached to a VM holding compute, Reserved by a deallocated one, else Unattached. */
    String restingDiskState(ObjectNode disk) {
        String vmId = disk.hasNonNull("managedBy") ? disk.get("managedBy").asText() : null;
        ObjectNode vm = vmId == null ? null : store.get(vmId);
        if (vm == null) {
            return "Unattached";
        }
        String power = powerState(vm);
        return power.equals("deallocated") || power.equals("deallocating") ? "Reserved" : "Attached";
    }

    static String powerState(ObjectNode vm) {
        for (JsonNode s : vm.at("/properties/instanceView/statuses")) {
            String code = s.path("code").asText();
            if (code.startsWith("PowerState/")) {
                return code.substring("PowerState/".length());
            }
        }
        return "unknown";
    }

    void delete(ObjectNode vm) {
        String id = vm.get("id").asText();
        store.remove(id);
        for (String diskId : diskIds(vm)) {
            ObjectNode disk = store.get(diskId);
            if (disk != null) {
                disk.remove("managedBy");
                if (!"ActiveSAS".equals(Json.at(disk, "/properties/diskState"))) {
                    Json.props(disk).put("diskState", "Unattached");
                }
            }
        }
        String setId = Json.at(vm, "/properties/availabilitySet/id");
        ObjectNode set = setId == null ? null : store.get(setId);
        if (set != null) {
            ArrayNode members = (ArrayNode) set.at("/properties/virtualMachines");
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).path("id").asText().equalsIgnoreCase(id)) {
                    members.remove(i);
                }
            }
        }
    }

    static List<String> diskIds(ObjectNode vm) {
        List<String> ids = new ArrayList<>();
        String os = Json.at(vm, "/properties/storageProfile/osDisk/managedDisk/id");
        if (os != null) {
            ids.add(os);
        }
        vm.at("/properties/storageProfile/dataDisks").forEach(d -> ids.add(d.at("/managedDisk/id").asText()));
        return ids;
    }
}
