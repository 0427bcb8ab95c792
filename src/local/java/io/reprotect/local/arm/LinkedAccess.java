package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ARM's linked access checks: a PUT or PATCH that refers to another resource needs an action on that
 * resource too, checked by ARM before the request reaches the resource provider, and refused with 403
 * {@code LinkedAuthorizationFailed}. A NIC in a subnet needs the subnet's {@code join/action} (and its NSG's,
 * public IP's); a VM on NICs needs each NIC's {@code join/action}; a disk or VM disk encrypted with a
 * customer-managed key needs {@code read} on the disk encryption set; a VM with a user-assigned identity
 * needs {@code assign/action} on the identity.
 */
final class LinkedAccess {

    /** A linked action and the resource it is checked on. */
    record Check(String action, String scope) {
    }

    /** Resource type of a referenced id (lower case) -> the action ARM checks on it. */
    private static final Map<String, String> BY_TYPE = Map.of(
            "microsoft.network/virtualnetworks/subnets", "Microsoft.Network/virtualNetworks/subnets/join/action",
            "microsoft.network/networkinterfaces", "Microsoft.Network/networkInterfaces/join/action",
            "microsoft.network/networksecuritygroups", "Microsoft.Network/networkSecurityGroups/join/action",
            "microsoft.network/publicipaddresses", "Microsoft.Network/publicIPAddresses/join/action",
            "microsoft.compute/diskencryptionsets", "Microsoft.Compute/diskEncryptionSets/read",
            "microsoft.managedidentity/userassignedidentities",
            "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action");

    /** Properties whose value is the id of a resource the request links to (besides {@code id} of a sub-object). */
    private static final Set<String> ID_PROPERTIES = Set.of("id", "diskencryptionsetid");

    private LinkedAccess() {
    }

    /** The linked checks of a request: none unless it writes a body that refers to other resources. */
    static List<Check> of(ArmRequest request) {
        if (!(request.method().equals("PUT") || request.method().equals("PATCH")) || request.body() == null) {
            return List.of();
        }
        Set<Check> checks = new LinkedHashSet<>();
        collect(request.body(), true, checks);
        return new ArrayList<>(checks);
    }

    private static void collect(JsonNode node, boolean root, Set<Check> checks) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, false, checks));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            JsonNode value = field.getValue();
            if (name.equals("userassignedidentities") && value.isObject()) {
                value.fieldNames().forEachRemaining(id -> add(id, checks));
            } else if (ID_PROPERTIES.contains(name) && value.isTextual() && !(root && name.equals("id"))) {
                add(value.asText(), checks);
            } else {
                collect(value, false, checks);
            }
        }
    }

    private static void add(String id, Set<Check> checks) {
        String action = BY_TYPE.get(typeOf(id));
        if (action != null) {
            checks.add(new Check(action, id));
        }
    }

    /** {@code /subscriptions/s/resourceGroups/g/providers/NS/t1/n1/t2/n2} -> {@code ns/t1/t2}, lower case. */
    static String typeOf(String id) {
        String[] s = id.split("/");
        int providers = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i].equalsIgnoreCase("providers")) {
                providers = i;
            }
        }
        if (providers < 0 || providers + 3 >= s.length) {
            return "";
        }
        StringBuilder type = new StringBuilder(s[providers + 1]);
        for (int i = providers + 2; i < s.length; i += 2) {
            type.append('/').append(s[i]);
        }
        return type.toString().toLowerCase(Locale.ROOT);
    }

    /** ARM's answer when the caller may do the action but not a linked one. */
    static ArmResponse denied(String action, String scope, List<Check> missing) {
        String actions = String.join(",", missing.stream().map(Check::action).toList());
        String scopes = String.join(",", missing.stream().map(Check::scope).toList());
        return ArmResponse.error(403, "LinkedAuthorizationFailed", "The client 'reprotect-engine' with object id "
                + "'00000000-0000-0000-0000-000000000001' has permission to perform action '" + action + "' on scope '"
                + scope + "'; however, it does not have permission to perform action(s) '" + actions
                + "' on the linked scope(s) '" + scopes + "' (respectively) or the linked scope(s) are invalid.");
    }
}
