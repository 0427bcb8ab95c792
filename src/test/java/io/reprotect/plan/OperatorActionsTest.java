package io.reprotect.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.JobJson;
import io.reprotect.local.endpoint.DemoEndpoint;
import io.reprotect.local.queue.InProcessStageQueue;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each action kind against the local demo endpoint, the in-process queue and the approvals API: what a plan job
 * sees of its actions, and what the targets receive.
 */
@QuarkusTest
class OperatorActionsTest {

    @Inject
    OperatorActions actions;
    @Inject
    DemoEndpoint endpoint;
    @Inject
    InProcessStageQueue queue;

    private final String planJobId = UUID.randomUUID().toString();

    PlanAction http(String path, Duration timeout, Map<String, String> headers) {
        JsonNode body = JobJson.MAPPER.createObjectNode().put("zone", "contoso.com");
        return new PlanAction("call-" + path.replaceAll("[^a-z]", ""), PlanAction.Kind.HTTP,
                new PlanAction.HttpCall(endpoint.url(path), null, body, headers), null, null, timeout, true);
    }

    PlanAction http(String path) {
        return http(path, Duration.ofMinutes(1), Map.of());
    }

    private List<DemoEndpoint.Call> callsOf(String actionId) {
        return endpoint.calls().stream().filter(c -> c.body() != null
                && planJobId.equals(c.body().path("planJobId").asText())
                && actionId.equals(c.body().path("actionId").asText())).toList();
    }

    @Test
    void anHttpCallAnswered200SucceedsAtOnceWithTheEnginesFieldsInItsBody() {
        ActionRun run = actions.start(planJobId, "g1/pre/dns", http("/ok"), Instant.now());
        assertThat(run.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(run.message()).contains("POST http://127.0.0.1:").contains("/ok answered 200");
        DemoEndpoint.Call call = callsOf("g1/pre/dns").get(0);
        assertThat(call.body().path("zone").asText()).as("the plan's own body").isEqualTo("contoso.com");
        assertThat(call.body().path("callbackUrl").asText()).contains("/api/recovery-plans/callbacks/" + run.callbackId()
                + ".");
    }

    @Test
    void asecondStartOfTheSameActionSendsNothing() {
        ActionRun first = actions.start(planJobId, "g1/pre/once", http("/ok"), Instant.now());
        ActionRun second = actions.start(planJobId, "g1/pre/once", http("/ok"), Instant.now());
        assertThat(second).isEqualTo(first);
        assertThat(callsOf("g1/pre/once")).hasSize(1);
    }

    @Test
    void anHttpCallAnswered202IsPolledAfterRetryAfterUntilItIsDone() {
        Instant now = Instant.now();
        ActionRun run = actions.start(planJobId, "g1/post/runbook", http("/accept?polls=2"), now);
        assertThat(run.status()).isEqualTo(ActionRun.Status.RUNNING);
        assertThat(run.pollUrl()).contains("/operations/");
        assertThat(actions.checkAgainIn(run, now)).as("Retry-After: 1").isEqualTo(Duration.ofSeconds(1));
        String operation = run.pollUrl().substring(run.pollUrl().indexOf("/operations/"));
        assertThat(actions.check(run, http("/accept"), now).status()).as("not polled before Retry-After")
                .isEqualTo(ActionRun.Status.RUNNING);
        assertThat(endpoint.calls(operation)).isEmpty();
        Instant at = now;
        for (int poll = 1; poll <= 3 && !run.status().ended(); poll++) {
            at = at.plusSeconds(1);
            run = actions.check(run, http("/accept"), at);
        }
        assertThat(run.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(run.message()).contains("poll of").contains("answered 200");
        assertThat(endpoint.calls(operation)).as("two 202s, then 200").hasSize(3);
    }

    @Test
    void aCallbackThatArrivesTwiceIsAcceptedOnce() {
        ActionRun run = actions.start(planJobId, "g2/pre/cb", http("/silent"), Instant.now());
        assertThat(run.status()).isEqualTo(ActionRun.Status.RUNNING);
        assertThat(run.message()).contains("waiting for its callback");
        String callback = callsOf("g2/pre/cb").get(0).body().path("callbackUrl").asText();
        String path = callback.substring(callback.indexOf("/recovery-plans/"));
        given().contentType("application/json").body("{\"status\": \"Succeeded\", \"message\": \"DNS switched\"}")
                .post(path).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        given().contentType("application/json").body("{\"status\": \"Failed\", \"message\": \"again\"}")
                .post(path).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("message", equalTo("The target called back: Succeeded: DNS switched"));
        ActionRun checked = actions.check(run, http("/silent"), Instant.now());
        assertThat(checked.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(checked.message()).isEqualTo("The target called back: Succeeded: DNS switched");
    }

    @Test
    void aCallbackWithAWrongSecretOrForAnActionThatEndedOtherwiseChangesNothing() {
        ActionRun run = actions.start(planJobId, "g2/pre/done", http("/ok"), Instant.now());
        String callback = callsOf("g2/pre/done").get(0).body().path("callbackUrl").asText();
        String path = callback.substring(callback.indexOf("/recovery-plans/"));
        given().contentType("application/json").body("{\"status\": \"Failed\"}").post(path).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("#plan-action-ended"))
                .header("Location", org.hamcrest.Matchers.containsString("/jobs/" + planJobId));
        given().contentType("application/json").body("{\"status\": \"Failed\"}")
                .post("/recovery-plans/callbacks/" + run.callbackId() + ".guessed").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.endsWith("#plan-callback-not-found"));
        given().contentType("application/json").body("{\"status\": \"Maybe\"}").post(path).then().statusCode(400);
        assertThat(actions.check(run, http("/ok"), Instant.now()).status()).isEqualTo(ActionRun.Status.SUCCEEDED);
    }

    @Test
    void aCallbackThatNeverArrivesTimesOut() {
        Instant now = Instant.now();
        PlanAction silent = http("/silent", Duration.ofSeconds(2), Map.of());
        ActionRun run = actions.start(planJobId, "g3/post/never", silent, now);
        assertThat(actions.check(run, silent, now.plusSeconds(1)).status()).isEqualTo(ActionRun.Status.RUNNING);
        assertThat(actions.checkAgainIn(run, now.plusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        ActionRun late = actions.check(run, silent, now.plusSeconds(2));
        assertThat(late.status()).isEqualTo(ActionRun.Status.TIMED_OUT);
        assertThat(late.message()).contains("no callback arrived");
    }

    @Test
    void aCallbackTheDemoEndpointSendsEndsTheAction() {
        PlanAction later = http("/callback?after=0&times=2");
        ActionRun run = actions.start(planJobId, "g3/pre/later", later, Instant.now());
        ActionRun done = waitFor(() -> actions.check(run, later, Instant.now()), r -> r.status().ended());
        assertThat(done.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(done.message()).contains("the demo endpoint did its work");
    }

    @Test
    void headersReachTheTargetButNeverTheRecord() {
        PlanAction keyed = http("/status/400", Duration.ofMinutes(1), Map.of("x-api-key", "SECRET-KEY-VALUE"));
        ActionRun run = actions.start(planJobId, "g4/pre/key", keyed, Instant.now());
        assertThat(run.status()).as("a 4xx is final").isEqualTo(ActionRun.Status.FAILED);
        assertThat(run.message()).contains("answered 400").contains("not sent again");
        assertThat(callsOf("g4/pre/key").get(0).headerNames()).anyMatch(h -> h.equalsIgnoreCase("x-api-key"));
        String stored = new String(JobJson.write(run));
        assertThat(stored).doesNotContain("SECRET-KEY-VALUE");
        String callback = callsOf("g4/pre/key").get(0).body().path("callbackUrl").asText();
        assertThat(stored).doesNotContain(callback.substring(callback.lastIndexOf('.') + 1));
    }

    @Test
    void aTargetThatFailsWith503IsCalledAgainLater() {
        Instant now = Instant.now();
        PlanAction failing = http("/status/503");
        ActionRun run = actions.start(planJobId, "g4/pre/503", failing, now);
        assertThat(run.status()).isEqualTo(ActionRun.Status.RUNNING);
        assertThat(run.message()).contains("answered 503").contains("sending again");
        assertThat(actions.check(run, failing, now).status()).isEqualTo(ActionRun.Status.RUNNING);
        assertThat(callsOf("g4/pre/503")).as("not before the backoff").hasSize(1);
        actions.check(run, failing, now.plusSeconds(2));
        assertThat(callsOf("g4/pre/503")).hasSize(2);
    }

    @Test
    void aQueueMessageIsSentOnceWhenTheStartIsRedelivered() {
        PlanAction notify = new PlanAction("notify", PlanAction.Kind.QUEUE, null, new PlanAction.QueueSend(
                "plan-events", JobJson.MAPPER.createObjectNode().put("event", "failover-started")), null,
                Duration.ofMinutes(1), false);
        int before = queue.peek("plan-events").size();
        ActionRun first = actions.start(planJobId, "g1/pre/notify", notify, Instant.now());
        ActionRun again = actions.start(planJobId, "g1/pre/notify", notify, Instant.now());
        assertThat(first.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(again).isEqualTo(first);
        List<InProcessStageQueue.Envelope> sent = queue.peek("plan-events");
        assertThat(sent).hasSize(before + 1);
        JsonNode body = JobJson.MAPPER.valueToTree(JobJson.MAPPER.createObjectNode());
        try {
            body = JobJson.MAPPER.readTree(sent.get(sent.size() - 1).message().body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(body.path("event").asText()).isEqualTo("failover-started");
        assertThat(body.path("actionId").asText()).isEqualTo("g1/pre/notify");
        assertThat(sent.get(sent.size() - 1).message().messageId())
                .isEqualTo(QueueActions.messageId(planJobId, "g1/pre/notify"));
    }

    @Test
    void aQueueMessageLeftUnsentByACrashIsSentByTheNextStartWithTheSameId() {
        PlanAction notify = new PlanAction("notify", PlanAction.Kind.QUEUE, null, new PlanAction.QueueSend(
                "plan-crash", null), null, Duration.ofMinutes(1), false);
        // the first start wrote its record and died before sending
        store.createOrGet(new ActionRecord(planJobId, "g1/pre/crash", "notify", PlanAction.Kind.QUEUE,
                ActionRun.Status.RUNNING, Instant.now(), Instant.now().plusSeconds(60), null, List.of(), null, null,
                null, 0, null, null, null, null, null));
        ActionRun run = actions.start(planJobId, "g1/pre/crash", notify, Instant.now());
        actions.start(planJobId, "g1/pre/crash", notify, Instant.now());
        assertThat(run.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(queue.peek("plan-crash")).hasSize(1);
    }

    @Inject
    ActionStore store;

    @Test
    void anInvalidActionIsNotStarted() {
        PlanAction http = new PlanAction("bad", PlanAction.Kind.HTTP, new PlanAction.HttpCall(
                "http://example.com/hook", null, null, null), null, null, Duration.ofMinutes(1), true);
        ActionRun run = actions.start(planJobId, "g1/pre/bad", http, Instant.now());
        assertThat(run.status()).isEqualTo(ActionRun.Status.FAILED);
        assertThat(run.message()).startsWith("Not started: ").contains("must use https");
    }

    static <T> T waitFor(Supplier<T> read, java.util.function.Predicate<T> done) {
        Instant until = Instant.now().plusSeconds(20);
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }
}
