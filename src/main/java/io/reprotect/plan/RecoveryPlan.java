package io.reprotect.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A recovery plan: the protected items of one application in ordered groups, with the steps people add before and
 * after each group. Groups run one after another; the items of a group run side by side.
 *
 * @param name the plan's name, its key ({@link #NAME_SYNTAX})
 * @param description what the plan is for, for people; may be null
 * @param groups the groups, in the order they run
 */
public record RecoveryPlan(String name, String description, List<Group> groups) {

    /** Most protected items one plan holds, as Azure Site Recovery's recovery plans. */
    public static final int MAX_ITEMS = 100;
    /** Most groups one plan holds (a group holds at least one item, so never more than {@link #MAX_ITEMS}). */
    public static final int MAX_GROUPS = MAX_ITEMS;
    /** Letters, digits and hyphens, starting with a letter or digit, up to 63 characters (a blob name's part). */
    public static final Pattern NAME_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

    /** Names that /api/recovery-plans/{name} cannot take: the paths of the plans' approvals and callbacks. */
    public static final Set<String> RESERVED_NAMES = Set.of("approvals", "callbacks");

    public RecoveryPlan {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /**
     * One group of a plan.
     *
     * @param items ids of protected items, each in one group of the plan only
     * @param preActions run in this order before the group's items start
     * @param postActions run in this order after every item of the group has succeeded
     */
    public record Group(List<String> items, List<PlanAction> preActions, List<PlanAction> postActions) {

        public Group {
            items = items == null ? List.of() : List.copyOf(items);
            preActions = preActions == null ? List.of() : List.copyOf(preActions);
            postActions = postActions == null ? List.of() : List.copyOf(postActions);
        }
    }

    /** Every item of the plan, group by group. */
    public List<String> items() {
        List<String> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.items()));
        return all;
    }

    /** Every action of the plan, group by group, pre before post. */
    public List<PlanAction> actions() {
        List<PlanAction> all = new ArrayList<>();
        groups.forEach(g -> {
            all.addAll(g.preActions());
            all.addAll(g.postActions());
        });
        return all;
    }

    /** The same plan with every item reference passed through {@code resolve} (a VM id to its item's id). */
    public RecoveryPlan withItems(UnaryOperator<String> resolve) {
        return new RecoveryPlan(name, description, groups.stream().map(g -> new Group(
                g.items().stream().map(resolve).toList(), g.preActions(), g.postActions())).toList());
    }

    /** The same plan under {@code value} (the name in the URL is the one that counts). */
    public RecoveryPlan named(String value) {
        return new RecoveryPlan(value, description, groups);
    }
}
