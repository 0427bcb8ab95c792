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
 * @param commonTime the time asked for, or the newest time at which every item has a point (the oldest of the
 *        items' newest points, or the latest of their first points when that is later)
 * @param choices one per item that has a point at or before the common time, in the plan's order
 * @param missing items with no point at or before the common time (the plan cannot use a common point then)
 * @param largestSkewSeconds the time between the oldest and the newest point chosen, in seconds
 */
public record CommonPoints(Instant commonTime, List<Choice> choices, List<String> missing, long largestSkewSeconds) {

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
        return new CommonPoints(common, choices, missing, skew.toSeconds());
    }

    /**
     * The newest time at which every item has a point: the oldest of the items' newest points, unless some item's
     * first point is later still (then that one, so every item has a point at or before it); null when an item has
     * none.
     */
    private static Instant newestCommonTime(Map<String, List<RecoveryPoint>> pointsByItem) {
        Instant oldestNewest = null;
        Instant newestOldest = null;
        for (List<RecoveryPoint> points : pointsByItem.values()) {
            List<Instant> times = points.stream().map(RecoveryPoint::time).filter(t -> t != null).sorted().toList();
            if (times.isEmpty()) {
                return null;
            }
            Instant newest = times.get(times.size() - 1);
            oldestNewest = oldestNewest == null || newest.isBefore(oldestNewest) ? newest : oldestNewest;
            newestOldest = newestOldest == null || times.get(0).isAfter(newestOldest) ? times.get(0) : newestOldest;
        }
        return oldestNewest == null || newestOldest.isAfter(oldestNewest) ? newestOldest : oldestNewest;
    }

    /** The time between the oldest and the newest point chosen. */
    public Duration largestSkew() {
        return Duration.ofSeconds(largestSkewSeconds);
    }

    /** The point chosen for {@code itemId}, if any. */
    public Optional<Choice> choiceFor(String itemId) {
        return choices.stream().filter(c -> c.itemId().equals(itemId)).findFirst();
    }
}
