package io.reprotect.local.arm;

import java.util.List;

/**
 * A path {@code /subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/rest...]}.
 *
 * @param rest what follows the resource name (an action, or a child such as instanceView)
 */
record ResourcePath(String subscriptionId, String resourceGroup, String namespace, String type, String name,
                    List<String> rest) {

    static ResourcePath of(ArmRequest r) {
        return new ResourcePath(r.subscriptionId(), r.segment(1), r.segment(3), r.segment(4), r.segment(5),
                List.copyOf(r.segments().subList(6, r.segments().size())));
    }

    String id() {
        return id(subscriptionId, resourceGroup, canonicalType(), name);
    }

    static String id(String subscriptionId, String resourceGroup, String type, String name) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/" + type + "/" + name;
    }

    /**
     * {@code id} with its resource group upper-cased, as Compute writes the ids of attached disks
     * ({@code storageProfile...managedDisk.id}) and of the VM managing a disk ({@code managedBy}).
     */
    static String upperCaseGroup(String id) {
        String[] parts = id.split("/", -1);
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("resourceGroups")) {
                parts[i + 1] = parts[i + 1].toUpperCase(java.util.Locale.ROOT);
            }
        }
        return String.join("/", parts);
    }

    /** Resource group and name upper-cased, as Compute writes a VM's availability set and a set's VMs. */
    static String upperCaseGroupAndName(String id) {
        String grouped = upperCaseGroup(id);
        int slash = grouped.lastIndexOf('/');
        return grouped.substring(0, slash + 1) + grouped.substring(slash + 1).toUpperCase(java.util.Locale.ROOT);
    }

    String canonicalType() {
        String t = namespace + "/" + type;
        for (String known : List.of(ComputeRoutes.VM, ComputeRoutes.DISK, ComputeRoutes.SNAPSHOT, ComputeRoutes.AVSET,
                StorageRoutes.ACCOUNT, NetworkRoutes.VNET, NetworkRoutes.NIC)) {
            if (known.equalsIgnoreCase(t)) {
                return known;
            }
        }
        return t;
    }

    String rest(int i) {
        return i < rest.size() ? rest.get(i) : "";
    }
}
