package io.reprotect.local.arm;

import io.reprotect.local.arm.ThrottlingBudgets.Policy;
import java.util.List;
import java.util.Locale;

/**
 * Which of Compute's throttling budgets a request is charged to ({@link ThrottlingBudgets} for the documented VM
 * policies, {@link AssumedBudgets} for the disk resource provider's), in which region (Compute throttles per
 * subscription and region of the resource) and for which resource (the VM policies also count per VM).
 */
final class ComputePolicies {

    /** What a request is charged to: the policies (empty when Compute does not throttle it), region and resource. */
    record Charge(List<Policy> policies, String region, String resourceId) {
        static final Charge NONE = new Charge(List.of(), "", "");
    }

    private final ArmStore store;

    ComputePolicies(ArmStore store) {
        this.store = store;
    }

    Charge of(ArmRequest r) {
        if (r.keyword(0).equals("providers") && r.keyword(1).equals("microsoft.compute")
                && r.keyword(2).equals("locations") && r.segments().size() == 6) {
            List<Policy> polls = switch (r.keyword(4)) {
                case "operations" -> ThrottlingBudgets.GET_OPERATION;
                case "diskoperations" -> AssumedBudgets.DISK_OPERATION_POLL.policies();
                default -> List.of();
            };
            return polls.isEmpty() ? Charge.NONE : new Charge(polls, Json.normaliseRegion(r.keyword(3)), "");
        }
        boolean underGroup = r.keyword(0).equals("resourcegroups") && r.keyword(2).equals("providers")
                && r.keyword(3).equals("microsoft.compute");
        if (underGroup && r.segments().size() == 5 && r.method().equals("GET")) {
            return list(r.keyword(4), "");
        }
        if (r.keyword(0).equals("providers") && r.keyword(1).equals("microsoft.compute") && r.segments().size() == 3
                && r.method().equals("GET")) {
            return list(r.keyword(2), "");
        }
        if (!underGroup || r.segments().size() < 6) {
            return Charge.NONE;
        }
        ResourcePath p = ResourcePath.of(r);
        String type = p.type().toLowerCase(Locale.ROOT);
        String action = p.rest(0).toLowerCase(Locale.ROOT);
        List<Policy> policies = switch (type) {
            case "virtualmachines" -> vm(r.method(), action, store.get(p.id()) != null);
            case "disks", "snapshots" -> diskOrSnapshot(r.method(), type, action);
            default -> List.of();
        };
        return policies.isEmpty() ? Charge.NONE : new Charge(policies, region(r, p), p.id().toLowerCase(Locale.ROOT));
    }

    private Charge list(String type, String region) {
        return switch (type) {
            case "virtualmachines" -> new Charge(ThrottlingBudgets.HIGH_COST_GET_VM, region, "");
            case "disks", "snapshots" -> new Charge(AssumedBudgets.DISK_LIST.policies(), region, "");
            default -> Charge.NONE;
        };
    }

    /** The VM policy of a call, as "Compute throttling limits" lists the REST APIs of each. */
    private static List<Policy> vm(String method, String action, boolean exists) {
        return switch (method + " " + action) {
            case "GET ", "GET instanceview", "GET extensions" -> ThrottlingBudgets.LOW_COST_GET_VM;
            case "PUT " -> exists ? ThrottlingBudgets.UPDATE_VM : ThrottlingBudgets.PUT_VM;
            case "PATCH ", "PUT extensions", "DELETE extensions", "POST start", "POST poweroff", "POST restart",
                 "POST redeploy", "POST reapply", "POST generalize", "POST reimage", "POST runcommand",
                 "POST performmaintenance", "POST capture", "POST converttomanageddisks" -> ThrottlingBudgets.UPDATE_VM;
            case "DELETE ", "POST deallocate", "POST simulateeviction" -> ThrottlingBudgets.DELETE_VM;
            default -> List.of();
        };
    }

    private static List<Policy> diskOrSnapshot(String method, String type, String action) {
        return switch (method + " " + action) {
            case "GET " -> AssumedBudgets.DISK_READ.policies();
            case "PUT " -> type.equals("disks") ? AssumedBudgets.DISK_WRITE.policies()
                    : AssumedBudgets.SNAPSHOT_CREATE.policies();
            case "PATCH " -> type.equals("disks") ? AssumedBudgets.DISK_WRITE.policies() : List.of();
            case "DELETE " -> AssumedBudgets.DISK_DELETE.policies();
            case "POST begingetaccess", "POST endgetaccess" -> AssumedBudgets.DISK_ACCESS.policies();
            default -> List.of();
        };
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
