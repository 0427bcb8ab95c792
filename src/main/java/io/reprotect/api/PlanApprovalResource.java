package io.reprotect.api;

import io.reprotect.plan.ManualActions;
import io.reprotect.plan.PlanActionRefusedException;
import io.reprotect.plan.PlanApproval;
import io.reprotect.request.FieldError;
import io.reprotect.security.Allowed;
import io.reprotect.security.CurrentCaller;
import io.reprotect.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /api/recovery-plans/approvals}: the manual actions of running recovery plans, which a person with the
 * Operator role approves or refuses. Thin: {@link ManualActions} decides.
 */
@Path("/recovery-plans/approvals")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Recovery plans")
public class PlanApprovalResource {

    /** Longest comment kept. */
    static final int MAX_COMMENT_CHARS = 1000;

    private final ManualActions manual;

    public PlanApprovalResource(ManualActions manual) {
        this.manual = manual;
    }

    /** The pending approvals. */
    @Schema(name = "PlanApprovalList", description = "Manual actions waiting for a person, oldest first")
    public record PlanApprovalList(@Schema(description = "Pending approvals") List<PlanApproval> value) {
    }

    /** A person's decision. */
    @Schema(name = "PlanApprovalDecision", description = "Approve or refuse a manual action, with a comment")
    public record DecisionBody(
            @Schema(description = "Approve (the plan goes on) or Refuse (the action fails)", required = true,
                    enumeration = {"Approve", "Refuse"}) String decision,
            @Schema(description = "Why, for the plan job's record (up to 1000 characters)") String comment) {
    }

    @GET
    @Allowed(Role.READER)
    @Operation(operationId = "ListPlanApprovals", summary = "Manual actions of running plans waiting for a person",
            description = "Pending ones, oldest first; decided and expired ones are left out.")
    @APIResponse(responseCode = "200", description = "The pending approvals",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PlanApprovalList.class)))
    public Response list() {
        return Response.ok(new PlanApprovalList(manual.pending())).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Allowed(Role.READER)
    @Operation(operationId = "GetPlanApproval", summary = "A manual action's approval: Pending, Approved, Refused "
            + "or Expired", description = "The approval a recovery plan's manual action waits for: its instructions, "
            + "the plan job, its deadline and, once decided, who decided and why.")
    @APIResponse(responseCode = "200", description = "The approval",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApproval.class)))
    @APIResponse(responseCode = "404", description = "No such approval (plan-approval-not-found)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response get(@Parameter(description = "Approval id") @PathParam("id") String id) {
        return Response.ok(manual.get(id).orElseThrow(() -> notFound(id))).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.OPERATOR)
    @Operation(operationId = "DecidePlanApproval", summary = "Approve or refuse a manual action of a running plan",
            description = "Before the action's deadline. Approve: the action succeeds and the plan goes on at its next "
                    + "check. Refuse: the action fails (the plan stops if the action says so). The same decision "
                    + "again answers 200 and changes nothing; the other decision is refused.")
    @APIResponse(responseCode = "200", description = "The approval, decided",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApproval.class)))
    @APIResponse(responseCode = "400", description = "decision is not Approve or Refuse, or the comment is too long "
            + "(invalid-request)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "No such approval (plan-approval-not-found)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "Already decided otherwise, or expired (plan-approval-decided)",
            headers = @Header(name = "Location", description = "The plan job the action belongs to",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response decide(@Parameter(description = "Approval id") @PathParam("id") String id, DecisionBody body,
            @Parameter(hidden = true) @QueryParam("whatIf") String whatIf) {
        if (WhatIfParameter.isSet(whatIf)) {
            return noPreview();
        }
        ManualActions.Decision decision = body == null ? null : Arrays.stream(ManualActions.Decision.values())
                .filter(d -> d.name().equalsIgnoreCase(body.decision())).findFirst().orElse(null);
        if (decision == null || body.comment() != null && body.comment().length() > MAX_COMMENT_CHARS) {
            String field = decision == null ? "decision" : "comment";
            String reason = decision == null ? "must be Approve or Refuse" : "must be at most " + MAX_COMMENT_CHARS
                    + " characters";
            return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-request", "Invalid decision",
                    field + " " + reason).withErrors(List.of(new FieldError(field, reason))).response().build();
        }
        PlanApproval decided = manual.decide(id, decision, body.comment(), CurrentCaller.requester());
        return Response.ok(decided).type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response refused(PlanActionRefusedException e, UriInfo uri) {
        return problem(e, uri);
    }

    /**
     * {@code ?whatIf=true} lets a Reader through the role check, so a call that cannot preview must refuse it
     * before changing anything.
     */
    static Response noPreview() {
        return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-query", "whatIf not offered",
                "This call has nothing to preview and changes nothing with whatIf=true; call it without whatIf")
                .withErrors(List.of(new FieldError(WhatIfParameter.NAME, "not offered on this call"))).response()
                .build();
    }

    static Response problem(PlanActionRefusedException e, UriInfo uri) {
        Response.ResponseBuilder answer = ProblemDetails.of(Response.Status.fromStatusCode(e.status()), e.kind(),
                e.title(), e.getMessage()).response();
        if (e.planJobId() != null) {
            answer.location(JobLinks.job(uri, e.planJobId()));
        }
        return answer.build();
    }

    private static PlanActionRefusedException notFound(String id) {
        return ManualActions.notFound(id);
    }
}
