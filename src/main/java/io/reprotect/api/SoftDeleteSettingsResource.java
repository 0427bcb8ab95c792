package io.reprotect.api;

import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import io.reprotect.softdelete.SoftDeletes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** {@code /api/settings/soft-delete}: how long deleted recovery data is kept. Each endpoint calls one method. */
@Path("/settings/soft-delete")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Protected items")
public class SoftDeleteSettingsResource {

    private final SoftDeletes softDeletes;
    private final ApprovalGate gate;

    public SoftDeleteSettingsResource(SoftDeletes softDeletes, ApprovalGate gate) {
        this.softDeletes = softDeletes;
        this.gate = gate;
    }

    /** The setting's body. */
    @Schema(name = "SoftDeleteSettings", description = "How long deleted recovery data is kept")
    public record Settings(@Schema(description = "Days a deletion made from now on is kept (at least 1)",
            minimum = "1") Integer retentionDays) {
    }

    @GET
    @Operation(operationId = "GetSoftDeleteSettings", summary = "How long deleted recovery data is kept",
            description = "retentionDays: how many days a deletion made from now on keeps its recovery data before a "
                    + "purge may delete it (the stored setting, else reprotect.soft-delete.retention-days).")
    @APIResponse(responseCode = "200", description = "The period in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    @Allowed(Role.READER)
    public Response get() {
        return Response.ok(new Settings(softDeletes.retentionDays())).type(MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "SetSoftDeleteSettings", summary = "Change how long deleted recovery data is kept",
            description = "Applies to deletions from now on; items already deleted keep their expiry.")
    @APIResponse(responseCode = "200", description = "The period now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    @APIResponse(responseCode = "400", description = "retentionDays is missing or below 1; nothing was changed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.ADMINISTRATOR)
    public Response put(Settings body, @Context UriInfo uri) {
        if (body == null || body.retentionDays() == null) {
            return invalid("The body needs retentionDays, a whole number of days of at least 1");
        }
        if (body.retentionDays() < softDeletes.retentionDays()) {
            // a shorter period lets purges come sooner: the two-person rule holds it when on
            return gate.require(ShortenRetentionOperation.NAME, String.valueOf(body.retentionDays()), uri);
        }
        return Response.ok(new Settings(softDeletes.changeRetention(body.retentionDays())))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** 400 problem+json: the period asked for is not one; nothing was changed. */
    static Response invalid(String detail) {
        return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-retention", "Invalid soft-delete retention",
                detail).response().build();
    }
}
