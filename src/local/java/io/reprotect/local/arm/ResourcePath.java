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
