package io.reprotect.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A manual action as a person sees it through the API: listed while pending, approved, refused, or timed out. */
@QuarkusTest
class ManualActionsTest {

    @Inject
    OperatorActions actions;

    private final String planJobId = UUID.randomUUID().toString();
    private final PlanAction confirm = new PlanAction("confirm-dns", PlanAction.Kind.MANUAL, null, null,
            "Check that app.contoso.com resolves to the secondary front end", Duration.ofMinutes(10), true);

    @Test
    void anApprovedActionSucceedsWithWhoApprovedAndWhy() {
        ActionRun run = actions.start(planJobId, "g2/pre/confirm", confirm, Instant.now());
        assertThat(run.status()).isEqualTo(ActionRun.Status.RUNNING);
        List<String> pending = given().get("/recovery-plans/approvals").then().statusCode(200).extract()
                .jsonPath().getList("value.id");
        assertThat(pending).contains(run.approvalId());
        given().get("/recovery-plans/approvals/" + run.approvalId()).then().statusCode(200)
                .body("instructions", equalTo(confirm.instructions())).body("planJobId", equalTo(planJobId))
                .body("state", equalTo("Pending"));
        assertThat(actions.check(run, confirm, Instant.now()).status()).isEqualTo(ActionRun.Status.RUNNING);

        decide(run.approvalId(), "Approve", "resolves to 10.2.0.10").statusCode(200).body("state", equalTo("Approved"));
        decide(run.approvalId(), "Approve", "twice").statusCode(200).body("comment", equalTo("resolves to 10.2.0.10"));
        decide(run.approvalId(), "Refuse", "changed my mind").statusCode(409)
                .body("type", endsWith("#plan-approval-decided"));

        ActionRun done = actions.check(run, confirm, Instant.now());
        assertThat(done.status()).isEqualTo(ActionRun.Status.SUCCEEDED);
        assertThat(done.message()).contains("Approved by").contains("resolves to 10.2.0.10");
        assertThat(given().get("/recovery-plans/approvals").then().extract().jsonPath().getList("value.id", String.class))
                .doesNotContain(run.approvalId());
    }

    @Test
    void aRefusedActionFails() {
        ActionRun run = actions.start(planJobId, "g2/pre/refuse", confirm, Instant.now());
        decide(run.approvalId(), "Refuse", "DNS still points at the primary").statusCode(200)
                .body("state", equalTo("Refused"));
        ActionRun done = actions.check(run, confirm, Instant.now());
        assertThat(done.status()).isEqualTo(ActionRun.Status.FAILED);
        assertThat(done.message()).contains("Refused by").contains("DNS still points at the primary");
    }

    @Test
    void anActionNobodyDecidesTimesOutAndCanNoLongerBeApproved() {
        PlanAction quick = new PlanAction("confirm", PlanAction.Kind.MANUAL, null, null, "Confirm",
                Duration.ofSeconds(1), true);
        Instant now = Instant.now();
        ActionRun run = actions.start(planJobId, "g2/pre/late", quick, now);
        ActionRun late = OperatorActionsTest.waitFor(() -> actions.check(run, quick, Instant.now()),
                r -> r.status().ended());
        assertThat(late.status()).isEqualTo(ActionRun.Status.TIMED_OUT);
        decide(run.approvalId(), "Approve", null).statusCode(409).body("type", endsWith("#plan-approval-decided"))
                .header("Location", org.hamcrest.Matchers.containsString("/jobs/" + planJobId))
                .body("detail", org.hamcrest.Matchers.containsString("expired"));
    }

    @Test
    void decisionsOnUnknownApprovalsAndBadBodiesChangeNothing() {
        decide(UUID.randomUUID().toString(), "Approve", null).statusCode(404)
                .body("type", endsWith("#plan-approval-not-found"));
        decide("not-an-id", "Approve", null).statusCode(404);
        ActionRun run = actions.start(planJobId, "g2/pre/bad", confirm, Instant.now());
        decide(run.approvalId(), "Maybe", null).statusCode(400).body("errors[0].field", equalTo("decision"));
        given().contentType("application/json").body("{\"decision\": \"Approve\"}")
                .post("/recovery-plans/approvals/" + run.approvalId() + "?whatIf=true").then().statusCode(400);
        given().get("/recovery-plans/approvals/" + run.approvalId()).then().body("state", equalTo("Pending"));
    }

    private static io.restassured.response.ValidatableResponse decide(String id, String decision, String comment) {
        String body = "{\"decision\": \"" + decision + "\"" + (comment == null ? "" : ", \"comment\": \"" + comment
                + "\"") + "}";
        return given().contentType("application/json").body(body).post("/recovery-plans/approvals/" + id).then();
    }
}
