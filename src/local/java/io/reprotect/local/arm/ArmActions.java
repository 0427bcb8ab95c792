package io.reprotect.local.arm;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The RBAC action ARM checks for a request, derived from its method and path as ARM does. */
final class ArmActions {

    /**
     * Collections under {@code /providers/{ns}/locations/{region}/}, spelled as their RBAC actions are:
     * {@code Microsoft.Compute/locations/DiskOperations/read} polls disk and snapshot operations,
     * {@code Microsoft.Compute/locations/operations/read} VM operations,
     * {@code Microsoft.Storage/locations/asyncoperations/read} storage operations,
     * {@code Microsoft.Network/locations/operationResults/read} the result of a network operation (its
     * {@code Location}; its status, {@code Azure-AsyncOperation}, is {@code .../operations/read}).
     */
    private static final Map<String, String> LOCATION_COLLECTIONS = Map.of("operations", "operations",
            "diskoperations", "DiskOperations", "asyncoperations", "asyncoperations", "usages", "usages",
            "vmsizes", "vmSizes", "operationresults", "operationResults");

    private ArmActions() {
    }

    /** E.g. POST .../virtualMachines/vm1/deallocate is {@code Microsoft.Compute/virtualMachines/deallocate/action}. */
    static String of(String method, List<String> s) {
        String verb = switch (method) {
            case "PUT", "PATCH" -> "write";
            case "DELETE" -> "delete";
            default -> "read";
        };
        if (s.size() >= 2 && s.get(0).equalsIgnoreCase("resourceGroups") && s.size() <= 2) {
            return "Microsoft.Resources/subscriptions/resourceGroups/" + verb;
        }
        if (s.size() >= 3 && s.get(0).equalsIgnoreCase("providers")) {
            // /providers/{ns}/locations/{loc}/operations/{id} or /providers/{ns}/checkNameAvailability
            if (s.size() >= 5 && s.get(2).equalsIgnoreCase("locations")) {
                String kind = s.get(4);
                return s.get(1) + "/locations/" + LOCATION_COLLECTIONS.getOrDefault(kind.toLowerCase(Locale.ROOT), kind)
                        + "/read";
            }
            return s.get(1) + "/" + s.get(2) + "/read";
        }
        if (s.size() >= 6 && s.get(2).equalsIgnoreCase("providers")) {
            StringBuilder action = new StringBuilder(s.get(3)).append('/').append(s.get(4));
            List<String> rest = s.subList(6, s.size());
            for (int i = 0; i < rest.size(); i += 2) {
                action.append('/').append(rest.get(i));
            }
            boolean isAction = method.equals("POST") && rest.size() % 2 == 1;
            return action + (isAction ? "/action" : "/" + verb);
        }
        return "unknown/" + verb;
    }
}
