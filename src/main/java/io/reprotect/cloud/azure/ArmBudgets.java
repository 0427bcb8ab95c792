package io.reprotect.cloud.azure;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
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
 * from earlier answers to calls of the same shape (method, provider, type, action). Every budget heard is
 * logged ({@link BudgetLog}, rate-limited) and reported as a metric ({@link #reportTo}), so that a real run measures
 * the budgets the stand-in can only assume.
 */
public final class ArmBudgets {

    /** Resource Manager's regional refill rates per second (reads 25, writes and deletes 10), documented by Microsoft. */
    static final Map<String, Double> ARM_REFILL_PER_SECOND = Map.of("reads", 25.0, "writes", 10.0, "deletes", 10.0);
    /** ARM's global subscription bucket, across all callers, is 15 times a caller's (size and refill), documented. */
    static final int ARM_GLOBAL_FACTOR = 15;
    /** How the budgets of ARM's global buckets are named here: {@code global-reads}, as in their header's name. */
    static final String GLOBAL = "global-";
    /** The metric of every budget's remaining count as last heard, by budget and subscription. */
    public static final String REMAINING_METRIC = "reprotect.arm.budget.remaining";
    static final AttributeKey<String> BUDGET = AttributeKey.stringKey("arm.budget");
    static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("azure.subscription.id");
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
    private final BudgetLog log = new BudgetLog();
    private final Map<String, Observation> budgets = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> policiesByShape = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> firstHeld =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> heldByBudget = new ConcurrentHashMap<>();

    /** @param reserveFraction the share of a budget kept back (0 turns waiting off) */
    public ArmBudgets(double reserveFraction) {
        if (reserveFraction < 0 || reserveFraction >= 1) {
            throw new IllegalArgumentException("reprotect.arm.budget-reserve must be in [0, 1), was " + reserveFraction);
        }
        this.reserveFraction = reserveFraction;
    }

    /** Records the budgets an answer reported (without ARM's global bucket). */
    void heard(String subscription, String shape, String armType, String armRemaining, String resourceRemaining,
               Instant now) {
        heard(subscription, shape, armType, armRemaining, null, resourceRemaining, now);
    }

    /**
     * Records the budgets an answer reported: the caller's ARM bucket, ARM's global bucket of the subscription
     * ({@code global-reads}, ...), and the provider's policies. Each is also logged ({@link BudgetLog}) and kept for
     * the remaining-budget metric ({@link #reportTo}).
     */
    void heard(String subscription, String shape, String armType, String armRemaining, String globalRemaining,
               String resourceRemaining, Instant now) {
        if (armRemaining != null) {
            parse(armRemaining).ifPresent(n -> observe(subscription, armType, n, now));
        }
        if (globalRemaining != null) {
            parse(globalRemaining).ifPresent(n -> observe(subscription, GLOBAL + armType, n, now));
        }
        if (resourceRemaining == null) {
            return;
        }
        for (String entry : resourceRemaining.split(",")) {
            int semi = entry.lastIndexOf(';');
            Optional<Long> n = semi < 0 ? Optional.empty() : parse(entry.substring(semi + 1));
            if (n.isPresent()) {
                String policy = entry.substring(0, semi).trim();
                observe(subscription, policy, n.get(), now);
                policiesByShape.computeIfAbsent(shape, s -> ConcurrentHashMap.newKeySet()).add(policy);
            }
        }
    }

    /** How long a call of this shape should wait before it is sent, or empty to send it now. */
    Optional<Wait> waitBefore(String subscription, String shape, String armType, Instant now) {
        List<String> keys = new ArrayList<>();
        keys.add(armType);
        keys.add(GLOBAL + armType);
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
            firstHeld.compareAndSet(null, longest.budget());
            held.incrementAndGet();
            heldByBudget.computeIfAbsent(longest.budget(), b -> new java.util.concurrent.atomic.AtomicLong())
                    .incrementAndGet();
        }
        return Optional.ofNullable(longest);
    }

    /** Sends the budget log's lines to {@code sink} instead of the app's log (tests); null restores the log. */
    void logTo(BudgetLog.Sink sink) {
        log.sendTo(sink);
    }

    /** Every budget as last heard: subscription, budget name, remaining, when. */
    public List<Heard> lastHeard() {
        List<Heard> out = new ArrayList<>();
        budgets.forEach((key, o) -> {
            int bar = key.indexOf('|');
            out.add(new Heard(key.substring(0, bar), key.substring(bar + 1), o.remaining(), o.at()));
        });
        out.sort(java.util.Comparator.comparing(Heard::subscription).thenComparing(Heard::budget));
        return out;
    }

    /** One budget as an answer last reported it. */
    public record Heard(String subscription, String budget, long remaining, Instant at) {
    }

    /**
     * Reports every budget's remaining count as last heard as the gauge {@value #REMAINING_METRIC}, with the budget
     * ({@code arm.budget}: {@code reads}, {@code global-writes}, {@code Microsoft.Compute/<policy>}) and the
     * subscription ({@code azure.subscription.id}) as attributes.
     */
    public void reportTo(Meter meter) {
        meter.gaugeBuilder(REMAINING_METRIC).ofLongs().setUnit("{call}")
                .setDescription("Calls left in an Azure throttling budget, as the last answer's "
                        + "x-ms-ratelimit-remaining-* headers reported")
                .buildWithCallback(gauge -> lastHeard().forEach(h -> gauge.record(h.remaining(),
                        Attributes.of(BUDGET, h.budget(), SUBSCRIPTION, h.subscription()))));
    }

    /** The budget the first call held back since the start (or {@link #forget}) was low on, or null. */
    public String firstHeld() {
        return firstHeld.get();
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
        firstHeld.set(null);
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
        if (budget.startsWith(GLOBAL) && ARM_REFILL_PER_SECOND.containsKey(budget.substring(GLOBAL.length()))) {
            armRate = ARM_REFILL_PER_SECOND.get(budget.substring(GLOBAL.length())) * ARM_GLOBAL_FACTOR;
        }
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
    private void observe(String subscription, String budget, long remaining, Instant now) {
        log.heard(subscription, budget, remaining, now);
        budgets.merge(subscription + "|" + budget, new Observation(remaining, remaining, now, 1), (old, neu) -> {
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
