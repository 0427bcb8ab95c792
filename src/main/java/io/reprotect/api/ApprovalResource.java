package io.reprotect.api;

import io.reprotect.request.Printable;
import io.reprotect.security.Allowed;
import io.reprotect.security.Approval;
import io.reprotect.security.Approvals;
import io.reprotect.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/approvals}: destructive operations waiting for a second Administrator (the two-person rule, README
 * "Security"). Thin: {@link Approvals} decides, {@link ApprovalGate} runs the approved operation.
 */
@Path("/approvals")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Approvals", description = "The two-person rule: approve a destructive operation another principal asked")
public class ApprovalResource {

    private final Approvals approvals;
    private final ApprovalGate gate;

    public ApprovalResource(Approvals approvals, ApprovalGate gate) {
        this.approvals = approvals;
        this.gate = gate;
    }

    /** The pending approvals, oldest first. */
    @Schema(name = "ApprovalList", description = "Approvals waiting for a second Administrator, oldest first")
    public record ApprovalList(@Schema(description = "Pending approvals") List<Approval> value) {
    }

    @GET
    @Allowed(Role.READER)
    @Operation(operationId = "ListApprovals", summary = "Approvals waiting for a second Administrator",
            description = "Pending approvals, oldest first; expired ones are left out.")
    @APIResponse(responseCode = "200", description = "The pending approvals",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalList.class)))
    public Response list() {
        return Response.ok(new ApprovalList(approvals.pending())).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Allowed(Role.READER)
    @Operation(operationId = "GetApproval", summary = "An approval: Pending, Approved or Expired",
            description = "The operation and item it names, who asked and when, when it expires, and once approved who "
                    + "approved it and when.")
    @APIResponse(responseCode = "200", description = "The approval",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Approval.class)))
    @APIResponse(responseCode = "404", description = "No such approval",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response get(@Parameter(description = "Approval id") @PathParam("id") String id) {
        return approvals.get(id).map(a -> Response.ok(a).type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> ProblemDetails.of(Response.Status.NOT_FOUND, "approval-not-found",
                        "Approval not found", "There is no approval with id " + Printable.value(id)
                                + "; GET /api/approvals lists the pending ones").response().build());
    }

    @POST
    @Path("/{id}")
    @Allowed(Role.ADMINISTRATOR)
    @Operation(operationId = "Approve", summary = "Approve a pending operation; it then runs",
            description = "A second principal with the Administrator role (not the one who asked, and not a function "
                    + "key holder) approves within the time limit; the operation then runs as its requester and "
                    + "answers as it would have (202 with its job). An approval is used once.")
    @APIResponse(responseCode = "202", description = "Approved: the operation's job started; poll Location after "
            + "Retry-After seconds",
            headers = {@Header(name = "Location", description = "The job's status view", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "The operation's job, as the last poll of Location returns it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such approval, or the operation's target is gone",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "The approval was already used (approval-used) or expired "
            + "(approval-expired), or the item's state refused the operation (Location names it)",
            headers = @Header(name = "Location", description = "The job or item that refused the operation",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response approve(@Parameter(description = "Approval id") @PathParam("id") String id,
                            @Context UriInfo uri) {
        return gate.approve(id, uri);
    }
}
