package io.reprotect.cloud.azure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this process last heard about Azure's throttling budgets, from the headers ARM and the resource
 * providers put on every answer: {@code x-ms-ratelimit-remaining-subscription-reads|writes|deletes}
 * (Resource Manager's token buckets) and {@code x-ms-ratelimit-remaining-resource:
 * Microsoft.Compute/<policy>;<n>,...} (the provider's own policies). It decides whether a call should
 * wait: when a budget the call draws on has fallen to its reserve, for as long as that budget needs
 * to refill past it. Budgets are per subscription (Azure keeps them per subscription and region; one
 * entry per subscription is the cautious reading). Which provider policies a call draws on is learned
 * from earlier answers to calls of the same shape (method, provider, type, action).
 */
public final class ArmBudgets {

    /** Resource Manager's regional refill rates per second (reads 25, writes and deletes 10), documented by Microsoft. */
    static final Map<String, Double> ARM_REFILL_PER_SECOND = Map.of("reads", 25.0, "writes", 10.0, "deletes", 10.0);
    /** Never keep a caller waiting less than this: a shorter wait is not worth a rescheduled message. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);
    /** Provider policies name their window: {@code HighCostGet3Min}, {@code CreateUpdateDisks30Min}. */
    private static final Pattern WINDOW = Pattern.compile("(\\d+)Min$");

    /** The most a budget's refill estimate is slowed down by: a wait of about a minute for ARM's buckets. */
    static final int MAX_SLOWDOWN = 64;

    /**
     * One budget as last heard: what remained, the most ever seen remaining (about its size), when, and how much
     * slower than estimated it has been seen to refill (1: as estimated).
     */
    record Observation(long remaining, long largestSeen, Instant at, int slowdown) {
    }

    private final double reserveFraction;
    private final Map<String, Observation> budgets = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> policiesByShape = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> heldByBudget = new ConcurrentHashMap<>();

    /** @param reserveFraction the share of a budget kept back (0 turns waiting off) */
    public ArmBudgets(double reserveFraction) {
        if (reserveFraction < 0 || reserveFraction >= 1) {
            throw new IllegalArgumentException("reprotect.arm.budget-reserve must be in [0, 1), was " + reserveFraction);
        }
        this.reserveFraction = reserveFraction;
    }

    /** Records the budgets an answer reported. */
    void heard(String subscription, String shape, String armType, String armRemaining, String resourceRemaining,
               Instant now) {
        if (armRemaining != null) {
            parse(armRemaining).ifPresent(n -> observe(subscription + "|" + armType, n, now));
        }
        if (resourceRemaining == null) {
            return;
        }
        for (String entry : resourceRemaining.split(",")) {
            int semi = entry.lastIndexOf(';');
            Optional<Long> n = semi < 0 ? Optional.empty() : parse(entry.substring(semi + 1));
            if (n.isPresent()) {
                String policy = entry.substring(0, semi).trim();
                observe(subscription + "|" + policy, n.get(), now);
                policiesByShape.computeIfAbsent(shape, s -> ConcurrentHashMap.newKeySet()).add(policy);
            }
        }
    }

    /** How long a call of this shape should wait before it is sent, or empty to send it now. */
    Optional<Wait> waitBefore(String subscription, String shape, String armType, Instant now) {
        List<String> keys = new ArrayList<>();
        keys.add(armType);
        keys.addAll(policiesByShape.getOrDefault(shape, Set.of()));
        Wait longest = null;
        for (String budget : keys) {
            Observation o = budgets.get(subscription + "|" + budget);
            if (o == null || reserveFraction == 0 || o.remaining() > reserve(o)) {
                continue;
            }
            Duration refill = refillTime(budget, o);
            Instant until = o.at().plus((refill.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : refill).multipliedBy(o.slowdown()));
            if (until.isAfter(now) && (longest == null || until.isAfter(now.plus(longest.delay())))) {
                Duration d = Duration.between(now, until);
                longest = new Wait(budget, o.remaining(), d.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : d);
            }
        }
        if (longest != null) {
            held.incrementAndGet();
            heldByBudget.computeIfAbsent(longest.budget(), b -> new java.util.concurrent.atomic.AtomicLong())
                    .incrementAndGet();
        }
        return Optional.ofNullable(longest);
    }

    /** How many calls this process held back so far. */
    public long held() {
        return held.get();
    }

    /** Calls held back so far, by the budget that was low (e.g. {@code reads}, {@code Microsoft.Compute/HighCostDiskAccess3Min}). */
    public Map<String, Long> heldByBudget() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        heldByBudget.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /**
     * Forgets every budget heard and every count: the next calls are sent and learn the budgets afresh
     * (after a subscription's limits changed; capacity runs that change the stand-in's budgets).
     */
    public void forget() {
        budgets.clear();
        policiesByShape.clear();
        heldByBudget.clear();
        held.set(0);
    }

    /** A call held back: the budget that is low, what remained of it, and how long to wait. */
    public record Wait(String budget, long remaining, Duration delay) {
    }

    long reserve(Observation o) {
        return reserve(o.largestSeen());
    }

    private long reserve(long largestSeen) {
        return Math.max(1, (long) Math.ceil(largestSeen * reserveFraction));
    }

    /** Time for the budget to refill to one past its reserve. */
    private Duration refillTime(String budget, Observation o) {
        long missing = reserve(o) + 1 - o.remaining();
        Double armRate = ARM_REFILL_PER_SECOND.get(budget);
        if (armRate != null) {
            return Duration.ofMillis((long) Math.ceil(missing * 1000 / armRate));
        }
        Matcher m = WINDOW.matcher(budget);
        Duration window = m.find() ? Duration.ofMinutes(Long.parseLong(m.group(1))) : Duration.ofMinutes(1);
        // A policy of N calls per window gives back about N / window: the largest count seen stands for N.
        return Duration.ofMillis(window.toMillis() * missing / Math.max(1, o.largestSeen()));
    }

    /**
     * Records what an answer says of a budget. A budget heard at its reserve again, when the last answer had it
     * there too, refilled slower than estimated in between (others draw on it, or its refill is not the documented
     * one): the next wait for it is twice as long, up to {@link #MAX_SLOWDOWN}. Heard with more than twice its
     * reserve left, it is back to the estimate. Without this, a wait too short for the real refill lets one call
     * through per wait, and a stage that needs two calls of that budget to progress never does.
     */
    private void observe(String key, long remaining, Instant now) {
        budgets.merge(key, new Observation(remaining, remaining, now, 1), (old, neu) -> {
            long largest = Math.max(old.largestSeen(), remaining);
            long reserve = reserve(largest);
            int slowdown = remaining > 2 * reserve ? 1
                    : remaining <= reserve && old.remaining() <= reserve(old.largestSeen())
                            ? Math.min(MAX_SLOWDOWN, old.slowdown() * 2) : old.slowdown();
            return new Observation(remaining, largest, now, slowdown);
        });
    }

    private static Optional<Long> parse(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The ARM operation type of an HTTP method, as in the remaining-budget header names. */
    static String armType(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "reads";
            case "DELETE" -> "deletes";
            default -> "writes";
        };
    }
}
