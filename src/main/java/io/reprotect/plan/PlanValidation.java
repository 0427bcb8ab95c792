package io.reprotect.plan;

import io.reprotect.request.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What is wrong with a recovery plan as a caller states it, every problem at once, each naming its field: the name's
 * syntax, the number of items and groups, items that are not protected items, an item in two groups (or twice in one),
 * action names used twice, and what {@link PlanActions#problems} finds in each action.
 */
public final class PlanValidation {

    private PlanValidation() {
    }

    /**
     * @param itemExists whether a protected item of that id exists now
     * @return the problems, empty when the plan may be stored
     */
    public static List<FieldError> problems(RecoveryPlan plan, Predicate<String> itemExists, PlanActions actions) {
        List<FieldError> errors = new ArrayList<>();
        if (plan.name() == null || !RecoveryPlan.NAME_SYNTAX.matcher(plan.name()).matches()) {
            errors.add(new FieldError("name", "must be 1-63 letters, digits and hyphens, starting with a letter or "
                    + "digit"));
        } else if (RecoveryPlan.RESERVED_NAMES.contains(plan.name().toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("name", "'" + plan.name() + "' is reserved: /api/recovery-plans/"
                    + plan.name() + " answers for the plans' actions; choose another name"));
        }
        if (plan.groups().isEmpty()) {
            errors.add(new FieldError("groups", "required: at least one group of protected items"));
        }
        if (plan.groups().size() > RecoveryPlan.MAX_GROUPS) {
            errors.add(new FieldError("groups", "at most " + RecoveryPlan.MAX_GROUPS + " groups"));
        }
        if (plan.items().size() > RecoveryPlan.MAX_ITEMS) {
            errors.add(new FieldError("groups", "at most " + RecoveryPlan.MAX_ITEMS + " protected items in one plan; "
                    + "this one has " + plan.items().size() + ": split the application into several plans"));
        }
        Map<String, String> seenItems = new HashMap<>();
        Set<String> actionNames = new HashSet<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            RecoveryPlan.Group group = plan.groups().get(g);
            String at = "groups[" + g + "]";
            if (group.items().isEmpty()) {
                errors.add(new FieldError(at + ".items", "required: at least one protected item id"));
            }
            for (int i = 0; i < group.items().size(); i++) {
                String item = group.items().get(i);
                String field = at + ".items[" + i + "]";
                if (item == null || item.isBlank()) {
                    errors.add(new FieldError(field, "must be a protected item id, or the id of a protected VM"));
                    continue;
                }
                String earlier = seenItems.putIfAbsent(item, field);
                if (earlier != null) {
                    errors.add(new FieldError(field, "protected item " + item + " is already in the plan at " + earlier
                            + "; an item belongs to one group only"));
                } else if (!itemExists.test(item)) {
                    errors.add(new FieldError(field, "no protected item " + item + "; list them with GET "
                            + "/api/protected-items"));
                }
            }
            actionProblems(group.preActions(), at + ".preActions", actionNames, actions, errors);
            actionProblems(group.postActions(), at + ".postActions", actionNames, actions, errors);
        }
        return errors;
    }

    private static void actionProblems(List<PlanAction> list, String at, Set<String> names, PlanActions actions,
            List<FieldError> errors) {
        for (int a = 0; a < list.size(); a++) {
            PlanAction action = list.get(a);
            String field = at + "[" + a + "]";
            if (action == null) {
                errors.add(new FieldError(field, "must be an action"));
                continue;
            }
            if (action.name() == null || !RecoveryPlan.NAME_SYNTAX.matcher(action.name()).matches()) {
                errors.add(new FieldError(field + ".name", "must be 1-63 letters, digits and hyphens"));
            } else if (!names.add(action.name())) {
                errors.add(new FieldError(field + ".name", "action " + action.name() + " is named twice in the plan; "
                        + "names are unique within a plan (they name the action in the plan job's record)"));
            }
            if (action.kind() == null) {
                errors.add(new FieldError(field + ".kind", "required: HTTP, QUEUE or MANUAL"));
                continue;
            }
            for (String problem : actions.problems(action)) {
                errors.add(new FieldError(field, problem));
            }
        }
    }
}
