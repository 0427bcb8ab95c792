package io.reprotect.api;

import io.reprotect.softdelete.SoftDeletes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    public SoftDeleteSettingsResource(SoftDeletes softDeletes) {
        this.softDeletes = softDeletes;
    }

    /** The setting's body. */
    @Schema(name = "SoftDeleteSettings", description = "How long deleted recovery data is kept")
    public record Settings(@Schema(description = "Days a deletion made from now on is kept (at least 1)",
            minimum = "1") Integer retentionDays) {
    }

    @GET
    @Operation(operationId = "GetSoftDeleteSettings", summary = "How long deleted recovery data is kept")
    @APIResponse(responseCode = "200", description = "The period in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
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
    public Response put(Settings body) {
        if (body == null || body.retentionDays() == null) {
            return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-retention", "Invalid soft-delete retention",
                    "The body needs retentionDays, a whole number of days of at least 1").response().build();
        }
        return Response.ok(new Settings(softDeletes.changeRetention(body.retentionDays())))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
