package io.reprotect.plan;

import java.time.Instant;
import java.util.Map;

/**
 * What a caller asks of a plan: the operation and its options.
 *
 * @param operation what every item of the plan undergoes
 * @param recoveryPointTime test or unplanned failover: every item uses its newest recovery point not after this
 *        time; null for none
 * @param commonPointInTime test or unplanned failover: every item uses its newest recovery point not after one
 *        common time, the newest time at which every item has a point ({@link CommonPoints})
 * @param networkId test failover: the isolated network every drill VM joins, unless a mapping below names another
 * @param networksByRegion test failover: the isolated network of each region (the region the drill VM is created in)
 * @param networksByItem test failover: the network of each item, before the two above
 * @param allowProductionNetwork test failover: allow a network that is not isolated (as the single-item call)
 */
public record PlanRequest(PlanOperation operation, Instant recoveryPointTime, boolean commonPointInTime,
        String networkId, Map<String, String> networksByRegion, Map<String, String> networksByItem,
        boolean allowProductionNetwork) {

    public PlanRequest {
        networksByRegion = networksByRegion == null ? Map.of() : Map.copyOf(networksByRegion);
        networksByItem = networksByItem == null ? Map.of() : Map.copyOf(networksByItem);
    }

    /** A request with no options. */
    public static PlanRequest of(PlanOperation operation) {
        return new PlanRequest(operation, null, false, null, Map.of(), Map.of(), false);
    }

    /** Whether the items use points chosen at one time (else each its newest, as the single-item call). */
    public boolean usesCommonPoint() {
        return recoveryPointTime != null || commonPointInTime;
    }

    /** The drill network of an item whose drill VM is created in {@code region}, or null when none is named. */
    public String networkFor(String itemId, String region) {
        String byItem = networksByItem.get(itemId);
        if (byItem != null) {
            return byItem;
        }
        String byRegion = region == null ? null : networksByRegion.get(region);
        return byRegion != null ? byRegion : networkId;
    }
}
