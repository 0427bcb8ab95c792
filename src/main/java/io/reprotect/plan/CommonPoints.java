package io.reprotect.plan;

import io.reprotect.protection.RecoveryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recovery point of every item of a plan at one common time: for each item, the newest point whose capture
 * time is not after that time. Each point is crash-consistent for its own VM only; the points of different VMs are
 * taken independently (no cross-VM freeze), so the largest skew between them says how far apart in time the VMs'
 * disks may be.
 *
 * @param commonTime the time asked for, or the newest time at which every item has a point
 * @param choices one per item that has a point at or before the common time, in the plan's order
 * @param missing items with no point at or before the common time (the plan cannot use a common point then)
 * @param largestSkew the time between the oldest and the newest point chosen
 */
public record CommonPoints(Instant commonTime, List<Choice> choices, List<String> missing, Duration largestSkew) {

    public CommonPoints {
        choices = List.copyOf(choices);
        missing = List.copyOf(missing);
    }

    /** The point chosen for one item. */
    public record Choice(String itemId, String recoveryPointId, Instant time, String consistency) {
    }

    /**
     * Chooses the points.
     *
     * @param pointsByItem the recovery points of every item, in the plan's order (a LinkedHashMap)
     * @param requested the common time, or null for the newest time at which every item has a point
     */
    public static CommonPoints choose(Map<String, List<RecoveryPoint>> pointsByItem, Instant requested) {
        Instant common = requested != null ? requested : newestCommonTime(pointsByItem);
        List<Choice> choices = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        pointsByItem.forEach((item, points) -> {
            Optional<RecoveryPoint> point = common == null ? Optional.empty() : points.stream()
                    .filter(p -> p.time() != null && !p.time().isAfter(common))
                    .max(Comparator.comparing(RecoveryPoint::time));
            point.ifPresentOrElse(p -> choices.add(new Choice(item, p.id(), p.time(), p.consistency())),
                    () -> missing.add(item));
        });
        Duration skew = choices.isEmpty() ? Duration.ZERO : Duration.between(
                choices.stream().map(Choice::time).min(Comparator.naturalOrder()).orElseThrow(),
                choices.stream().map(Choice::time).max(Comparator.naturalOrder()).orElseThrow());
        return new CommonPoints(common, choices, missing, skew);
    }

    /** The oldest of the items' newest points: every item has a point at or before it; null when one has none. */
    private static Instant newestCommonTime(Map<String, List<RecoveryPoint>> pointsByItem) {
        Instant common = null;
        for (List<RecoveryPoint> points : pointsByItem.values()) {
            Optional<Instant> newest = points.stream().map(RecoveryPoint::time).filter(t -> t != null)
                    .max(Comparator.naturalOrder());
            if (newest.isEmpty()) {
                return null;
            }
            common = common == null || newest.get().isBefore(common) ? newest.get() : common;
        }
        return common;
    }

    /** The point chosen for {@code itemId}, if any. */
    public Optional<Choice> choiceFor(String itemId) {
        return choices.stream().filter(c -> c.itemId().equals(itemId)).findFirst();
    }
}
