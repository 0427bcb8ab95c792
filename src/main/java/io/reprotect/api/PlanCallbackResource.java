package io.reprotect.api;

import io.reprotect.plan.ActionCallbacks;
import io.reprotect.plan.ActionRun;
import io.reprotect.plan.PlanActionRefusedException;
import io.reprotect.request.FieldError;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import jakarta.ws.rs.Consumes;
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
 * {@code POST /api/recovery-plans/callbacks/{id}}: an HTTP action's target reports that its work succeeded or
 * failed, on the callback URL the engine sent it. Thin: {@link ActionCallbacks} decides.
 */
@Path("/recovery-plans/callbacks")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Recovery plans")
public class PlanCallbackResource {

    private final ActionCallbacks callbacks;

    public PlanCallbackResource(ActionCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    /** What the target reports. */
    @Schema(name = "PlanActionCallback", description = "An HTTP action's result, sent by its target")
    public record CallbackBody(
            @Schema(description = "Succeeded or Failed", required = true, enumeration = {"Succeeded", "Failed"})
            String status,
            @Schema(description = "What happened, for people (up to 1000 characters kept)") String message) {
    }

    /** The action after the callback. */
    @Schema(name = "PlanActionCallbackResult", description = "The action's status after the callback")
    public record CallbackAnswer(@Schema(description = "The action within its plan job") String actionId,
            @Schema(description = "RUNNING, SUCCEEDED, FAILED or TIMED_OUT") ActionRun.Status status,
            @Schema(description = "What happened") String message) {
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Role.OPERATOR)
    @Operation(operationId = "CallBackPlanAction", summary = "Report the result of a recovery plan's HTTP action",
            description = "The target of an HTTP action calls the callbackUrl it was sent (whole: its last segment is "
                    + "an unguessable token) once its work is done. The first callback ends the action; the same "
                    + "callback again answers 200 and changes nothing.")
    @APIResponse(responseCode = "200", description = "Accepted (or accepted before): the action's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallbackAnswer.class)))
    @APIResponse(responseCode = "400", description = "status is not Succeeded or Failed (invalid-request)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "No action has this callback URL (plan-callback-not-found)",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "The action already ended otherwise: answered, polled or timed "
            + "out (plan-action-ended)",
            headers = @Header(name = "Location", description = "The plan job the action belongs to",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response callBack(@Parameter(description = "The callback token, as the callbackUrl ends")
                             @PathParam("id") String token, CallbackBody body,
            @Parameter(hidden = true) @QueryParam("whatIf") String whatIf) {
        if (WhatIfParameter.isSet(whatIf)) {
            return PlanApprovalResource.noPreview();
        }
        ActionCallbacks.Result result = body == null ? null : Arrays.stream(ActionCallbacks.Result.values())
                .filter(r -> r.name().equalsIgnoreCase(body.status())).findFirst().orElse(null);
        if (result == null) {
            return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-request", "Invalid callback",
                    "status must be Succeeded or Failed").withErrors(List.of(new FieldError("status",
                            "must be Succeeded or Failed"))).response().build();
        }
        ActionRun run = callbacks.receive(token, result, body.message());
        return Response.ok(new CallbackAnswer(run.actionId(), run.status(), run.message()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response refused(PlanActionRefusedException e, UriInfo uri) {
        return PlanApprovalResource.problem(e, uri);
    }
}
