package io.reprotect.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a plan's PUT answers 400 for, action by action: each problem names the field and what is expected. */
class ActionProblemsTest {

    private final ActionProblems azure = new ActionProblems(false);
    private final ActionProblems local = new ActionProblems(true);

    static PlanAction http(String url) {
        return http(url, "POST", Map.of());
    }

    static PlanAction http(String url, String method, Map<String, String> headers) {
        return new PlanAction("repoint-dns", PlanAction.Kind.HTTP, new PlanAction.HttpCall(url, method, null, headers),
                null, null, Duration.ofMinutes(5), true);
    }

    @Test
    void anHttpsActionIsFine() {
        assertThat(azure.of(http("https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/run"
                + "?api-version=2016-10-01&sig=SECRET"))).isEmpty();
    }

    @Test
    void plainHttpIsRefusedInAzureAndAllowedOnlyToLocalhostLocally() {
        assertThat(azure.of(http("http://example.com/hook"))).singleElement().asString()
                .contains("http.url must use https");
        assertThat(azure.of(http("http://localhost:8091/ok"))).singleElement().asString().contains("must use https");
        assertThat(local.of(http("http://127.0.0.1:8091/ok"))).isEmpty();
        assertThat(local.of(http("http://example.com/hook"))).singleElement().asString()
                .contains("plain http only to localhost");
    }

    @Test
    void relativeUrlsUserInfoAndMetadataAddressesAreRefused() {
        assertThat(azure.of(http("/hook"))).singleElement().asString().contains("absolute https URL");
        assertThat(azure.of(http("https://user:pass@example.com/hook"))).singleElement().asString()
                .contains("may not hold a user name or password");
        assertThat(azure.of(http("https://169.254.169.254/metadata/instance"))).singleElement().asString()
                .contains("the engine's own machine or network");
        assertThat(azure.of(http("https://localhost/hook"))).singleElement().asString()
                .contains("the engine's own machine or network");
        assertThat(azure.of(http("ftp://example.com/x"))).singleElement().asString().contains("absolute https URL");
    }

    @Test
    void aSignatureInTheUrlIsNeverQuotedBack() {
        assertThat(azure.of(http("http://example.com/hook?sig=SECRET"))).singleElement().asString()
                .doesNotContain("SECRET");
    }

    @Test
    void methodsHeadersAndBodyAreChecked() {
        assertThat(azure.of(http("https://example.com/hook", "GET", Map.of()))).singleElement().asString()
                .contains("http.method must be one of PATCH, POST, PUT");
        assertThat(azure.of(http("https://example.com/hook", "POST", Map.of("Host", "evil.example.com"))))
                .singleElement().asString().contains("may not set Host");
        assertThat(azure.of(http("https://example.com/hook", "POST", Map.of("x-api-key", "line\nbreak-SECRET"))))
                .singleElement().asString().contains("printable").doesNotContain("SECRET");
        PlanAction arrayBody = new PlanAction("a", PlanAction.Kind.HTTP, new PlanAction.HttpCall(
                "https://example.com/hook", null, JsonNodeFactory.instance.arrayNode(), null), null, null,
                Duration.ofMinutes(1), true);
        assertThat(azure.of(arrayBody)).singleElement().asString().contains("must be a JSON object");
    }

    @Test
    void aQueueActionMayNotNameTheEnginesOwnQueues() {
        PlanAction stages = new PlanAction("notify", PlanAction.Kind.QUEUE, null, new PlanAction.QueueSend("stages",
                null), null, Duration.ofMinutes(1), false);
        assertThat(azure.of(stages)).singleElement().asString().contains("the engine's own queue");
        PlanAction bad = new PlanAction("notify", PlanAction.Kind.QUEUE, null, new PlanAction.QueueSend("-x$", null),
                null, Duration.ofMinutes(1), false);
        assertThat(azure.of(bad)).singleElement().asString().contains("Service Bus queue name");
    }

    @Test
    void timeoutsKindsAndPartsAreChecked() {
        PlanAction tooLong = new PlanAction("ok", PlanAction.Kind.MANUAL, null, null, "Check the DNS",
                Duration.ofDays(2), true);
        assertThat(azure.of(tooLong)).singleElement().asString().contains("timeout must be from PT1S to PT24H");
        PlanAction twoParts = new PlanAction("ok", PlanAction.Kind.MANUAL, null, new PlanAction.QueueSend("q", null),
                "Check the DNS", Duration.ofMinutes(1), true);
        assertThat(azure.of(twoParts)).singleElement().asString().contains("a MANUAL action sets exactly instructions");
        PlanAction noKind = new PlanAction("ok", null, null, null, null, Duration.ofMinutes(1), true);
        assertThat(azure.of(noKind)).singleElement().asString().contains("kind must be HTTP, QUEUE or MANUAL");
    }
}
