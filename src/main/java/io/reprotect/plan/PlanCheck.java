package io.reprotect.plan;

import io.reprotect.job.DerivedIds;
import io.reprotect.protection.RecoveryPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a plan operation may run on every item, checked before anything runs (by the call, by its what-if and
 * again by the plan job's first stage): each item's lifecycle allows the operation; with a common point in time,
 * every item has a point at or before it; a drill names a network for every item.
 *
 * @param items one per item, in the plan's order
 * @param points the points chosen at one common time, or null when the request asks for none
 */
public record PlanCheck(List<ItemCheck> items, CommonPoints points) {

    public PlanCheck {
        items = List.copyOf(items);
    }

    /**
     * One item's check.
     *
     * @param itemId the item
     * @param group the index of its group
     * @param refusal why the item cannot take part, or null when it can
     * @param skipped true when the operation has nothing to undo on the item ({@link ItemJobs#nothingToDo})
     */
    public record ItemCheck(String itemId, int group, String refusal, boolean skipped) {
    }

    /** Checks every item of {@code plan} for {@code request}. */
    public static PlanCheck of(RecoveryPlan plan, PlanRequest request, ItemJobs jobs) {
        CommonPoints points = null;
        if (request.usesCommonPoint()) {
            Map<String, List<RecoveryPoint>> byItem = new LinkedHashMap<>();
            plan.items().forEach(i -> byItem.put(i, jobs.recoveryPoints(i)));
            points = CommonPoints.choose(byItem, request.recoveryPointTime());
        }
        List<ItemCheck> checks = new ArrayList<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            for (String item : plan.groups().get(g).items()) {
                boolean skip = jobs.nothingToDo(item, request.operation());
                checks.add(new ItemCheck(item, g, skip ? null : refusal(item, request, jobs, points).orElse(null),
                        skip));
            }
        }
        return new PlanCheck(checks, points);
    }

    private static Optional<String> refusal(String item, PlanRequest request, ItemJobs jobs, CommonPoints points) {
        Optional<String> lifecycle = jobs.refusal(item, request.operation());
        if (lifecycle.isPresent()) {
            return lifecycle;
        }
        if (points != null && points.missing().contains(item)) {
            return Optional.of("the item has no recovery point at or before " + points.commonTime()
                    + "; choose a later recoveryPointTime, or leave the common point out");
        }
        if (request.operation() == PlanOperation.TEST_FAILOVER
                && request.networkFor(item, jobs.failoverRegion(item)) == null) {
            return Optional.of("no drill network for this item: give networkId, networksByRegion (region "
                    + jobs.failoverRegion(item) + ") or networksByItem");
        }
        return Optional.empty();
    }

    /** The items the operation skips, having nothing to undo on them. */
    public List<String> skipped() {
        return items.stream().filter(ItemCheck::skipped).map(ItemCheck::itemId).toList();
    }

    /** True when every item may take part. */
    public boolean allowed() {
        return items.stream().allMatch(i -> i.refusal() == null);
    }

    /** The items refused, each with its reason, for one line of an error. */
    public String refusals() {
        return String.join("; ", items.stream().filter(i -> i.refusal() != null)
                .map(i -> "item " + i.itemId() + " (group " + (i.group() + 1) + "): " + i.refusal()).toList());
    }

    /** What the plan job {@code planJobId} asks of {@code itemId}. */
    public ItemJobs.ItemStart startOf(String itemId, String planJobId, PlanRequest request, ItemJobs jobs) {
        String point = points == null ? null : points.choiceFor(itemId).map(CommonPoints.Choice::recoveryPointId)
                .orElse(null);
        String network = request.operation() == PlanOperation.TEST_FAILOVER
                ? request.networkFor(itemId, jobs.failoverRegion(itemId)) : null;
        return new ItemJobs.ItemStart(request.operation(), itemJobId(planJobId, itemId, request.operation()), point,
                network, request.allowProductionNetwork());
    }

    /** The id of the job plan job {@code planJobId} starts for {@code itemId}: the same on every run of the stage. */
    public static String itemJobId(String planJobId, String itemId, PlanOperation operation) {
        return DerivedIds.of("recovery-plan:" + planJobId + ":" + itemId + ":" + operation.pathName());
    }
}
