package io.reprotect.cloud.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.reprotect.cloud.CloudException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Backs off before a throttling budget is gone rather than after. Every answer's remaining-budget
 * headers go into {@link ArmBudgets}; a call that would draw on a budget already down to its reserve is
 * not sent: it fails at once with {@link CloudException.Throttled} (retryable, with the wait), so the
 * stage ends and the pipeline reschedules it as a delayed message, exactly as for a 429.
 *
 * <p>Why fail rather than sleep: an invocation that sleeps holds a Functions instance (billed GB-s)
 * and the stage's lease for the whole wait, and a sleeping caller still fires when many callers wake
 * together; a scheduled message costs nothing while it waits and puts the wait in the job record.
 * The reserve left unused is what other callers in the subscription (the portal, other tools) keep.
 *
 * <p>A poll of an operation already started is never held: the operation has been paid for (a disk access
 * grant spends a token of a budget of a few per window), and abandoning it halfway makes the retry start
 * a new one and pay again. Holding polls at the reserve is how a throttled stage spends its budget on
 * operations it never sees finish, attempt after attempt. Polls may draw on the reserve; if Azure itself
 * refuses one (429), the SDK's retry policy waits as Azure says.
 */
public final class BudgetGuardPolicy implements HttpPipelinePolicy {

    static final HttpHeaderName REMAINING_RESOURCE = HttpHeaderName.fromString("x-ms-ratelimit-remaining-resource");
    private static final Pattern OPERATION_POLL = Pattern.compile(
            "GET providers/[^/]+/locations/(operations|diskoperations|asyncoperations|operationresults|operationstatuses)");
    private static final Pattern SUBSCRIPTION = Pattern.compile("^/subscriptions/([^/]+)(/.*)?$", Pattern.CASE_INSENSITIVE);

    private final ArmBudgets budgets;
    private final Clock clock;

    public BudgetGuardPolicy(ArmBudgets budgets, Clock clock) {
        this.budgets = budgets;
        this.clock = clock;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Call call = Call.of(context);
        Optional<ArmBudgets.Wait> wait = call.wait(budgets, clock);
        if (wait.isPresent()) {
            return Mono.error(held(call, wait.get()));
        }
        return next.process().doOnNext(response -> call.heard(budgets, response, clock));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Call call = Call.of(context);
        Optional<ArmBudgets.Wait> wait = call.wait(budgets, clock);
        if (wait.isPresent()) {
            throw held(call, wait.get());
        }
        HttpResponse response = next.processSync();
        call.heard(budgets, response, clock);
        return response;
    }

    private static CloudException.Throttled held(Call call, ArmBudgets.Wait wait) {
        return new CloudException.Throttled(call.shape + " held back: only " + wait.remaining()
                + " calls left in the " + wait.budget() + " budget of subscription " + call.subscription
                + " (reserve kept for other callers); retry after " + wait.delay().toSeconds() + " s",
                "BudgetReserveReached", wait.delay(), null);
    }

    /** One request: its subscription (null outside one), method and shape (path without names). */
    private record Call(String subscription, String method, String shape) {

        static Call of(HttpPipelineCallContext context) {
            String method = context.getHttpRequest().getHttpMethod().name();
            Matcher m = SUBSCRIPTION.matcher(context.getHttpRequest().getUrl().getPath());
            if (!m.matches()) {
                return new Call(null, method, "");
            }
            return new Call(m.group(1).toLowerCase(Locale.ROOT), method, method + " " + shape(m.group(2)));
        }

        Optional<ArmBudgets.Wait> wait(ArmBudgets budgets, Clock clock) {
            return subscription == null || pollOfStartedOperation() ? Optional.empty()
                    : budgets.waitBefore(subscription, shape, ArmBudgets.armType(method), clock.instant());
        }

        /**
         * A GET of a provider's operation status or result: {@code locations/{region}/operations/{id}} (VMs,
         * Network), {@code DiskOperations} (disks, snapshots), {@code asyncoperations} (Storage),
         * {@code operationResults} and {@code operationStatuses} (others).
         */
        boolean pollOfStartedOperation() {
            return OPERATION_POLL.matcher(shape).matches();
        }

        void heard(ArmBudgets budgets, HttpResponse response, Clock clock) {
            if (subscription == null) {
                return;
            }
            String type = ArmBudgets.armType(method);
            budgets.heard(subscription, shape, type,
                    response.getHeaderValue(HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-" + type)),
                    response.getHeaderValue(HttpHeaderName.fromString(
                            "x-ms-ratelimit-remaining-subscription-" + ArmBudgets.GLOBAL + type)),
                    response.getHeaderValue(REMAINING_RESOURCE), clock.instant());
        }

        /**
         * The path after the subscription without resource group and resource names, e.g.
         * {@code providers/microsoft.compute/snapshots} or {@code providers/microsoft.compute/locations/operations}.
         */
        static String shape(String rest) {
            List<String> s = rest == null ? List.of()
                    : List.of(rest.split("/")).stream().filter(x -> !x.isEmpty()).toList();
            StringBuilder out = new StringBuilder();
            int i = 0;
            if (s.size() >= 2 && s.get(0).equalsIgnoreCase("resourceGroups")) {
                i = 2;
            }
            if (s.size() >= i + 2 && s.get(i).equalsIgnoreCase("providers")) {
                out.append("providers/").append(s.get(i + 1));
                // type/name pairs, then an action: keep types and actions, drop names
                for (int j = i + 2; j < s.size(); j += 2) {
                    out.append('/').append(s.get(j));
                }
            } else if (s.size() > i) {
                out.append(s.get(i));
            }
            return out.toString().toLowerCase(Locale.ROOT);
        }
    }
}
