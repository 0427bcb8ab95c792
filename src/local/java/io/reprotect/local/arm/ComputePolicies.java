package io.reprotect.local.arm;

import java.util.List;
import java.util.Locale;

/**
 * Which of the Compute resource provider's throttling policies ({@link ThrottlingBudgets}) a request is
 * charged to, and in which region (Compute throttles per subscription and region of the resource).
 */
final class ComputePolicies {

    /** What a request is charged to: the policies (empty when Compute does not throttle it) and the region. */
    record Charge(List<ThrottlingBudgets.Policy> policies, String region) {
        static final Charge NONE = new Charge(List.of(), "");
    }

    private final ArmStore store;

    ComputePolicies(ArmStore store) {
        this.store = store;
    }

    Charge of(ArmRequest r) {
        boolean operationPoll = r.keyword(0).equals("providers") && r.keyword(1).equals("microsoft.compute")
                && r.keyword(2).equals("locations") && r.segments().size() == 6;
        if (operationPoll) {
            return new Charge(ThrottlingBudgets.GET_OPERATION, r.keyword(3));
        }
        boolean resource = r.keyword(0).equals("resourcegroups") && r.keyword(2).equals("providers")
                && r.keyword(3).equals("microsoft.compute") && r.segments().size() >= 6;
        if (!resource) {
            return Charge.NONE;
        }
        ResourcePath p = ResourcePath.of(r);
        String type = p.type().toLowerCase(Locale.ROOT);
        String action = p.rest(0).toLowerCase(Locale.ROOT);
        List<ThrottlingBudgets.Policy> policies = switch (r.method() + " " + type + " " + action) {
            case "GET virtualmachines " -> ThrottlingBudgets.VM_READ;
            case "GET disks ", "GET snapshots " -> ThrottlingBudgets.DISK_READ;
            case "PUT disks " -> ThrottlingBudgets.DISK_WRITE;
            case "PUT snapshots " -> ThrottlingBudgets.SNAPSHOT_CREATE;
            case "POST disks begingetaccess", "POST disks endgetaccess", "POST snapshots begingetaccess",
                 "POST snapshots endgetaccess" -> ThrottlingBudgets.DISK_ACCESS;
            default -> List.of();
        };
        return policies.isEmpty() ? Charge.NONE : new Charge(policies, region(r, p));
    }

    /** The resource's region: stored, else the location in the request body, else unknown (""). */
    private String region(ArmRequest r, ResourcePath p) {
        var stored = store.get(p.id());
        if (stored != null && stored.hasNonNull("location")) {
            return Json.normaliseRegion(stored.get("location").asText());
        }
        if (r.body() != null && r.body().hasNonNull("location")) {
            return Json.normaliseRegion(r.body().get("location").asText());
        }
        return "";
    }
}
