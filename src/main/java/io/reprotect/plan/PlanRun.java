package io.reprotect.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a plan job stands, group by group: its stage's checkpoint, and the {@code planRun} output its record shows
 * (each group, each item with the id of the job it started, each action with its run).
 *
 * @param plan the plan's name
 * @param operation what every item undergoes
 * @param groups one per group of the plan, in order
 * @param stopped true once a failure stopped the plan (the groups after the failed one never start)
 * @param nextStep what to do next, for people; set when the plan ends
 */
public record PlanRun(String plan, PlanOperation operation, List<GroupRun> groups, boolean stopped, String nextStep) {

    public PlanRun {
        groups = List.copyOf(groups);
    }

    /** Where a group stands. */
    public enum GroupStatus {
        NOT_STARTED, PRE_ACTIONS, ITEMS, POST_ACTIONS, SUCCEEDED, FAILED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /** Where an item stands. */
    public enum ItemStatus {
        NOT_STARTED, RUNNING, SUCCEEDED, FAILED,
        /** Nothing to undo on the item (a cancel of an item never failed over, a cleanup of one without a drill). */
        SKIPPED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED || this == SKIPPED;
        }
    }

    /**
     * One group.
     *
     * @param index its place in the plan, from 0
     * @param status where it stands
     * @param preActions its pre-actions, in order (an action not started has no run)
     * @param items its items
     * @param postActions its post-actions, in order
     * @param message why it failed, for people; null otherwise
     */
    public record GroupRun(int index, GroupStatus status, List<ActionStep> preActions, List<ItemRun> items,
            List<ActionStep> postActions, String message) {

        public GroupRun {
            preActions = List.copyOf(preActions);
            items = List.copyOf(items);
            postActions = List.copyOf(postActions);
        }

        GroupRun withStatus(GroupStatus value, String why) {
            return new GroupRun(index, value, preActions, items, postActions, why);
        }

        GroupRun withItems(List<ItemRun> value) {
            return new GroupRun(index, status, preActions, value, postActions, message);
        }

        GroupRun withActions(boolean pre, List<ActionStep> value) {
            return pre ? new GroupRun(index, status, value, items, postActions, message)
                    : new GroupRun(index, status, preActions, items, value, message);
        }
    }

    /**
     * One item.
     *
     * @param itemId the protected item
     * @param jobId the single-item job the plan started for it (GET /api/jobs/{jobId}); null before it starts
     * @param status where it stands
     * @param message why it failed, for people; null otherwise
     */
    public record ItemRun(String itemId, String jobId, ItemStatus status, String message) {
    }

    /**
     * One action of a group.
     *
     * @param name the action's name in the plan
     * @param run where it stands; null until it starts
     */
    public record ActionStep(String name, ActionRun run) {

        public boolean ended() {
            return run != null && run.status().ended();
        }
    }

    /** A plan job that has not started anything yet, skipping {@code skipped} items. */
    public static PlanRun start(RecoveryPlan plan, PlanOperation operation, List<String> skipped) {
        List<GroupRun> groups = new ArrayList<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            RecoveryPlan.Group group = plan.groups().get(g);
            groups.add(new GroupRun(g, GroupStatus.NOT_STARTED, steps(group.preActions()),
                    group.items().stream().map(i -> skipped.contains(i)
                            ? new ItemRun(i, null, ItemStatus.SKIPPED, "nothing to " + operation + " on this item")
                            : new ItemRun(i, null, ItemStatus.NOT_STARTED, null)).toList(),
                    steps(group.postActions()), null));
        }
        return new PlanRun(plan.name(), operation, groups, false, null);
    }

    private static List<ActionStep> steps(List<PlanAction> actions) {
        return actions.stream().map(a -> new ActionStep(a.name(), null)).toList();
    }

    PlanRun withGroup(int index, UnaryOperator<GroupRun> change) {
        List<GroupRun> all = new ArrayList<>(groups);
        all.set(index, change.apply(all.get(index)));
        return new PlanRun(plan, operation, all, stopped, nextStep);
    }

    PlanRun ended(boolean stop, String next) {
        return new PlanRun(plan, operation, groups, stop, next);
    }

    /** Items whose job has ended, over all groups. */
    public long itemsEnded() {
        return groups.stream().flatMap(g -> g.items().stream()).filter(i -> i.status().ended()).count();
    }

    /** Items in the plan. */
    public long itemCount() {
        return groups.stream().mapToLong(g -> g.items().size()).sum();
    }
}
