package io.reprotect.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.whatif.WhatIf;
import java.util.List;

/**
 * What a plan operation would do: every item's own what-if, group by group, after the same checks the plan job runs
 * first. Refused when one item's state (or a missing point or network) would fail the plan before anything runs.
 *
 * @param status {@link WhatIf#SUCCEEDED} or {@link WhatIf#REFUSED}
 * @param plan the plan's name
 * @param operation the plan operation
 * @param commonPoints the points chosen at one common time, with their largest skew; absent when none was asked
 * @param items one per item, in the plan's order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanWhatIf(String status, String plan, String operation, CommonPoints commonPoints,
        List<ItemWhatIf> items) {

    public PlanWhatIf {
        items = List.copyOf(items);
    }

    /**
     * One item.
     *
     * @param itemId the protected item
     * @param group its group's place in the plan, from 1
     * @param skipped true when the operation has nothing to undo on the item and skips it
     * @param refusal why the plan would fail before anything runs because of this item; absent when it would not
     * @param whatIf the item's own what-if; absent when the item is refused by its state
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemWhatIf(String itemId, int group, boolean skipped, String refusal, WhatIf whatIf) {
    }
}
