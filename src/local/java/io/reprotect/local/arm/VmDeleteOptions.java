package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Compute does with a VM's disks, NICs and public IPs when the VM is deleted (API 2021-03-01 and
 * later): each OS disk, data disk and NIC whose {@code deleteOption} is {@code Delete} is deleted with the
 * VM, and each public IP address whose own {@code properties.deleteOption} is {@code Delete} and that one of
 * the VM's NICs carries. {@code Detach} (Compute's default when a request names none) keeps the resource.
 * A VM PATCH ({@code VirtualMachineUpdate}) may change each disk's and NIC's option, by LUN and by NIC id.
 */
final class VmDeleteOptions {

    static final String DELETE = "Delete";
    static final String DETACH = "Detach";

    private final ArmStore store;
    private final DiskBlobs blobs;

    VmDeleteOptions(ArmStore store, DiskBlobs blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** Gives every disk and NIC reference of {@code vm} that names none Compute's default, Detach. */
    static void fillDefaults(ObjectNode vm) {
        for (JsonNode disk : diskRefs(vm)) {
            if (!disk.hasNonNull("deleteOption")) {
                ((ObjectNode) disk).put("deleteOption", DETACH);
            }
        }
        for (JsonNode nic : vm.at("/properties/networkProfile/networkInterfaces")) {
            ObjectNode props = nic.has("properties") ? (ObjectNode) nic.get("properties")
                    : ((ObjectNode) nic).putObject("properties");
            if (!props.hasNonNull("deleteOption")) {
                props.put("deleteOption", DETACH);
            }
        }
    }

    /** Applies the delete options a PATCH body names: OS disk, data disks by LUN, NICs by id. */
    static void patch(ObjectNode vm, JsonNode body) {
        String os = Json.at(body, "/properties/storageProfile/osDisk/deleteOption");
        if (os != null && vm.at("/properties/storageProfile/osDisk").isObject()) {
            ((ObjectNode) vm.at("/properties/storageProfile/osDisk")).put("deleteOption", os);
        }
        for (JsonNode d : body.at("/properties/storageProfile/dataDisks")) {
            for (JsonNode mine : vm.at("/properties/storageProfile/dataDisks")) {
                if (d.hasNonNull("deleteOption") && mine.path("lun").asInt(-1) == d.path("lun").asInt(-2)) {
                    ((ObjectNode) mine).put("deleteOption", d.get("deleteOption").asText());
                }
            }
        }
        for (JsonNode n : body.at("/properties/networkProfile/networkInterfaces")) {
            String option = Json.at(n, "/properties/deleteOption");
            for (JsonNode mine : vm.at("/properties/networkProfile/networkInterfaces")) {
                if (option != null && mine.path("id").asText().equalsIgnoreCase(n.path("id").asText())) {
                    ((ObjectNode) mine.get("properties")).put("deleteOption", option);
                }
            }
        }
    }

    /** Sets the option of the VM's reference to {@code resourceId} (a disk or a NIC), as the portal creates it. */
    static boolean set(ObjectNode vm, String resourceId, String option) {
        for (JsonNode disk : diskRefs(vm)) {
            if (disk.at("/managedDisk/id").asText().equalsIgnoreCase(resourceId)) {
                ((ObjectNode) disk).put("deleteOption", option);
                return true;
            }
        }
        for (JsonNode nic : vm.at("/properties/networkProfile/networkInterfaces")) {
            if (nic.path("id").asText().equalsIgnoreCase(resourceId)) {
                ((ObjectNode) nic.get("properties")).put("deleteOption", option);
                return true;
            }
        }
        return false;
    }

    /**
     * What deleting {@code vm} deletes with it, read before the VM goes: disks, then NICs, then public IPs.
     */
    List<String> deletedWith(ObjectNode vm) {
        List<String> ids = new ArrayList<>();
        for (JsonNode disk : diskRefs(vm)) {
            if (DELETE.equalsIgnoreCase(disk.path("deleteOption").asText())) {
                ids.add(disk.at("/managedDisk/id").asText());
            }
        }
        for (JsonNode ref : vm.at("/properties/networkProfile/networkInterfaces")) {
            if (DELETE.equalsIgnoreCase(Json.at(ref, "/properties/deleteOption"))) {
                ids.add(ref.path("id").asText());
            }
            ObjectNode nic = store.get(ref.path("id").asText());
            if (nic == null) {
                continue;
            }
            for (JsonNode config : nic.at("/properties/ipConfigurations")) {
                String pip = Json.at(config, "/properties/publicIPAddress/id");
                ObjectNode ip = pip == null ? null : store.get(pip);
                if (ip != null && DELETE.equalsIgnoreCase(Json.at(ip, "/properties/deleteOption"))) {
                    ids.add(pip);
                }
            }
        }
        return ids;
    }

    /** Deletes what {@link #deletedWith} listed, once the VM itself is gone (and its NICs are free). */
    void deleteAll(List<String> ids) {
        for (String id : ids) {
            ObjectNode res = store.get(id);
            if (res == null) {
                continue;
            }
            String type = res.get("type").asText().toLowerCase(Locale.ROOT);
            if (type.equals(ComputeRoutes.DISK.toLowerCase(Locale.ROOT))) {
                DiskBlobs.BlobRef ref = store.blob(id);
                store.remove(id);
                if (ref != null) {
                    blobs.delete(ref);
                }
            } else {
                store.remove(id);
            }
        }
        // a public IP deleted while a NIC the VM left behind still carries it is dissociated from that NIC
        for (ObjectNode nic : store.ofType(NetworkRoutes.NIC)) {
            for (JsonNode config : nic.at("/properties/ipConfigurations")) {
                String pip = Json.at(config, "/properties/publicIPAddress/id");
                if (pip != null && ids.stream().anyMatch(pip::equalsIgnoreCase)) {
                    ((ObjectNode) config.get("properties")).remove("publicIPAddress");
                }
            }
        }
    }

    private static List<JsonNode> diskRefs(ObjectNode vm) {
        List<JsonNode> refs = new ArrayList<>();
        JsonNode os = vm.at("/properties/storageProfile/osDisk");
        if (os.isObject()) {
            refs.add(os);
        }
        vm.at("/properties/storageProfile/dataDisks").forEach(refs::add);
        return refs;
    }
}
