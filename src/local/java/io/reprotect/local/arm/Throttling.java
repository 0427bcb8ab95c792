package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Azure's throttling in the stand-in, off until {@link #enable}: first Resource Manager's token buckets
 * (per subscription, ARM region and operation type: the caller's, and the global one of all callers), then, for
 * what ARM admits, Compute's budgets (per subscription, resource region and policy, and per VM for the VM
 * policies). ARM refusing takes no token; Compute refusing takes none of Compute's, while ARM's stays spent (ARM
 * admitted and forwarded the request). Admitted answers carry the
 * remaining-budget headers; refused ones are 429 with {@code Retry-After}, the same headers and ARM's
 * error body ({@code TooManyRequests} from ARM, {@code OperationNotAllowed} with a {@code TooManyRequests}
 * detail naming the policy from Compute). Budgets and their sources: {@link ThrottlingBudgets} (documented) and
 * {@link AssumedBudgets} (not documented).
 */
public final class Throttling {

    static final String REMAINING_RESOURCE = "x-ms-ratelimit-remaining-resource";
    static final String REMAINING_SUBSCRIPTION = "x-ms-ratelimit-remaining-subscription-";
    static final String REMAINING_GLOBAL = "x-ms-ratelimit-remaining-subscription-global-";

    /** The outcome for one request: a 429 to answer, or headers to add to the routed answer. */
    record Admission(ArmResponse refusal, Map<String, String> headers) {
        static final Admission FREE = new Admission(null, Map.of());

        ArmResponse decorate(ArmResponse routed) {
            ArmResponse r = routed;
            for (var h : headers.entrySet()) {
                r = r.withHeader(h.getKey(), h.getValue());
            }
            return r;
        }
    }

    private final ComputePolicies compute;
    private volatile LongSupplier nanoClock;
    private volatile java.time.Clock wallClock = java.time.Clock.systemUTC();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> charged = new ConcurrentHashMap<>();
    private volatile ThrottlingBudgets budgets;
    private volatile String firstRefused;

    Throttling(ArmStore store, LongSupplier nanoClock) {
        this.compute = new ComputePolicies(store);
        this.nanoClock = nanoClock;
    }

    /**
     * Replaces the clock the buckets and windows read: the app's clock in tests whose time is virtual (the
     * in-process queue's), so that a bucket refills in the same time the app waits for it. Takes effect for
     * buckets created afterwards: call it before {@link #enable}.
     */
    public synchronized Throttling useClock(java.time.Clock clock) {
        this.wallClock = clock;
        this.nanoClock = () -> {
            Instant t = clock.instant();
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        };
        buckets.clear();
        return this;
    }

    /** Turns throttling on with fresh (full) buckets. */
    public synchronized Throttling enable(ThrottlingBudgets newBudgets) {
        buckets.clear();
        refusals.clear();
        charged.clear();
        firstRefused = null;
        this.budgets = newBudgets;
        return this;
    }

    public synchronized void disable() {
        this.budgets = null;
    }

    public boolean enabled() {
        return budgets != null;
    }

    /** Requests refused so far, by budget (e.g. {@code writes}, {@code Microsoft.Compute/LowCostGetVMResource}). */
    public Map<String, Long> refusals() {
        Map<String, Long> copy = new LinkedHashMap<>();
        refusals.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    Admission admit(ArmRequest r) {
        ThrottlingBudgets b = budgets;
        if (b == null || r.subscriptionId() == null) {
            return Admission.FREE;
        }
        long now = nanoClock.getAsLong();
        String sub = r.subscriptionId().toLowerCase(Locale.ROOT);
        ThrottlingBudgets.Bucket type = armBucket(r.method());
        TokenBucket arm = buckets.computeIfAbsent(sub + "|" + b.armRegion() + "|" + type.operationType(),
                k -> new TokenBucket(b.armSize(type, false), b.armRefill(type, false), now));
        TokenBucket global = buckets.computeIfAbsent(sub + "|" + b.armRegion() + "|global-" + type.operationType(),
                k -> new TokenBucket(b.armSize(type, true), b.armRefill(type, true), now));
        Map<String, String> headers = new LinkedHashMap<>();
        long armLeft = arm.tryTake(now);
        long globalLeft = armLeft < 0 ? global.remaining(now) : global.tryTake(now);
        headers.put(REMAINING_SUBSCRIPTION + type.operationType(), String.valueOf(Math.max(0, armLeft)));
        headers.put(REMAINING_GLOBAL + type.operationType(), String.valueOf(Math.max(0, globalLeft)));
        if (armLeft < 0 || globalLeft < 0) {
            if (armLeft >= 0) {
                arm.giveBack();
            }
            TokenBucket empty = armLeft < 0 ? arm : global;
            String budget = (armLeft < 0 ? "" : "global-") + type.operationType();
            count(budget);
            Duration wait = empty.untilNextToken(now);
            return new Admission(retryAfter(armRefusal(sub, b, budget, armLeft < 0 ? b.armSize(type, false)
                    : b.armSize(type, true), wait), wait, b, headers), Map.of());
        }
        ComputePolicies.Charge charge = compute.of(r);
        List<String> remaining = new ArrayList<>();
        List<TokenBucket> taken = new ArrayList<>();
        for (ThrottlingBudgets.Policy p : charge.policies()) {
            long size = b.computeSize(p);
            String key = sub + "|" + charge.region() + "|" + p.name()
                    + (p.scope() == ThrottlingBudgets.Scope.RESOURCE ? "|" + charge.resourceId() : "");
            TokenBucket bucket = buckets.computeIfAbsent(key,
                    k -> new TokenBucket(size, b.computeRefill(p), b.computePeriodNanos(p), p.stepwise(), now));
            long left = bucket.tryTake(now);
            if (left < 0) {
                taken.forEach(TokenBucket::giveBack);
                count(p.budget());
                Duration wait = bucket.untilNextToken(now);
                headers.put(REMAINING_RESOURCE, p.budget() + ";0");
                return new Admission(retryAfter(computeRefusal(p, size, wait, b), wait, b, headers), Map.of());
            }
            taken.add(bucket);
            remaining.add(p.budget() + ";" + left);
        }
        if (!remaining.isEmpty()) {
            headers.put(REMAINING_RESOURCE, String.join(",", remaining));
        }
        charge(type.operationType());
        charge.policies().forEach(p -> charge(p.budget()));
        return new Admission(null, headers);
    }

    private static ThrottlingBudgets.Bucket armBucket(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> ThrottlingBudgets.ARM_READS;
            case "DELETE" -> ThrottlingBudgets.ARM_DELETES;
            default -> ThrottlingBudgets.ARM_WRITES;
        };
    }

    /** Tokens taken by admitted requests so far, by budget ({@code reads}, {@code Microsoft.Compute/LowCostGet3Min}, ...). */
    public Map<String, Long> charged() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        charged.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The budget of the first request refused since {@link #enable}, or null: the first budget that ran out. */
    public String firstRefused() {
        return firstRefused;
    }

    private void charge(String budget) {
        charged.computeIfAbsent(budget, k -> new AtomicLong()).incrementAndGet();
    }

    private void count(String budget) {
        if (firstRefused == null) {
            firstRefused = budget;
        }
        refusals.computeIfAbsent(budget, k -> new AtomicLong()).incrementAndGet();
    }

    /** Retry-After in whole seconds (at least 1, as ARM sends); under time compression also the exact wait in ms. */
    private static ArmResponse retryAfter(ArmResponse refusal, Duration wait, ThrottlingBudgets b,
                                          Map<String, String> headers) {
        ArmResponse r = refusal.withHeader("Retry-After", String.valueOf(Math.max(1, ceilSeconds(wait))));
        if (b.timeCompression() != 1) {
            r = r.withHeader("x-ms-retry-after-ms", String.valueOf(Math.max(1, wait.toMillis())));
        }
        for (var h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }

    private static long ceilSeconds(Duration d) {
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }

    private static ArmResponse armRefusal(String sub, ThrottlingBudgets b, String budget, long size, Duration wait) {
        return ArmResponse.error(429, "TooManyRequests", "Number of '" + budget + "' requests for "
                + "subscription '" + sub + "' in region '" + b.armRegion() + "' exceeded the bucket of "
                + size + ". Please try again after '" + Math.max(1, ceilSeconds(wait)) + "' seconds.");
    }

    private ArmResponse computeRefusal(ThrottlingBudgets.Policy p, long size, Duration wait, ThrottlingBudgets b) {
        ArmResponse base = ArmResponse.error(429, "OperationNotAllowed",
                "The server rejected the request because too many requests have been received for this subscription.");
        ObjectNode error = (ObjectNode) base.body().get("error");
        Instant now = wallClock.instant();
        Duration window = Duration.ofNanos(b.computePeriodNanos(p));
        String measure = "{\"operationGroup\":\"" + p.name() + "\",\"startTime\":\"" + now.minus(window)
                + "\",\"endTime\":\"" + now.plus(wait) + "\",\"allowedRequestCount\":" + size
                + ",\"measuredRequestCount\":" + (size + 1) + "}";
        error.putArray("details").addObject().put("code", "TooManyRequests").put("target", p.name()).put("message", measure);
        return base;
    }
}
