package io.reprotect.api;

import io.reprotect.failover.FailoverService;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import io.reprotect.softdelete.DeletedItemRefusedException;
import io.reprotect.softdelete.SoftDeletes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
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
 * {@code /api/deleted-items}: recovery data disable protection and commit keep for the retention period; undelete
 * and purge. Each endpoint calls one {@link SoftDeletes} method.
 */
@Path("/deleted-items")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Protected items")
public class DeletedItemResource {

    private final SoftDeletes softDeletes;
    private final PipelineConfig pipeline;
    private final ProtectionConfig protection;
    private final Clock clock;
    private final FailoverService failovers;
    private final ApprovalGate gate;

    public DeletedItemResource(SoftDeletes softDeletes, PipelineConfig pipeline, ProtectionConfig protection,
            Clock clock, FailoverService failovers, ApprovalGate gate) {
        this.failovers = failovers;
        this.gate = gate;
        this.softDeletes = softDeletes;
        this.pipeline = pipeline;
        this.protection = protection;
        this.clock = clock;
    }

    /** The deleted items: {@code value}, oldest deletion first. */
    @Schema(name = "DeletedItemList", description = "Deleted items, oldest deletion first")
    public record DeletedItemList(@Schema(description = "The deleted items") List<DeletedItemView> value) {
    }

    @GET
    @Operation(operationId = "ListDeletedItems", summary = "List deleted recovery data with its expiry",
            description = "Kept and purging items; all=true adds those purged or undeleted.")
    @APIResponse(responseCode = "200", description = "The deleted items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletedItemList.class)))
    @Allowed(Role.READER)
    public Response list(@Parameter(description = "true: also those purged or undeleted",
            schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("all") @DefaultValue("false") boolean all) {
        return Response.ok(new DeletedItemList(softDeletes.list(all).stream().map(DeletedItemView::of).toList()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "GetDeletedItem", summary = "A deleted item: what is kept, where, and until when",
            description = "What disable protection or commit kept (replicas, recovery points, snapshots, storage accounts), "
                    + "its state (Kept, Purging, Purged, Undeleted) and expiresAt, from when a purge may delete it.")
    @APIResponse(responseCode = "200", description = "The deleted item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeletedItemView.class)))
    @APIResponse(responseCode = "404", description = "No such deleted item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response get(@PathParam("id") String id) {
        return softDeletes.get(id).map(r -> Response.ok(DeletedItemView.of(r)).type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/undelete")
    @Operation(operationId = "UndeleteItem", summary = "Restore protection from deleted recovery data",
            description = "The item comes back Protected with its replicas and recovery points; its next cycle runs "
                    + "now and copies what changed. Refused (409) when the VM is gone, another item protects it, or "
                    + "the data was kept by a commit.")
    @APIResponse(responseCode = "200", description = "The restored protected item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProtectedItemView.class)))
    @APIResponse(responseCode = "404", description = "No such deleted item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "Not restorable, or no longer kept; nothing was changed",
            headers = @Header(name = "Location", description = "The deleted item", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.ADMINISTRATOR)
    public Response undelete(@PathParam("id") String id, @Context UriInfo uri) {
        try {
            return undeleted(id);
        } catch (DeletedItemRefusedException e) {
            return refused(e, id, uri);
        }
    }

    private Response undeleted(String id) {
        return softDeletes.undelete(id).map(item -> Response.ok(ProtectedItemView.of(item,
                        failovers.state(item), clock.instant(), protection))
                        .type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/purge")
    @Operation(operationId = "PurgeDeletedItem", summary = "Delete kept recovery data now that its retention has passed",
            description = "Starts a purge-deleted-item job. Refused (409) before expiresAt, naming it.")
    @APIResponse(responseCode = "202", description = "Accepted: poll Location after Retry-After seconds",
            headers = {@Header(name = "Location", description = "The purge job's status view", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "The purge job, once it has ended (the result of polling Location)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such deleted item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "Before its expiry (the detail names it), or no longer kept; "
            + "nothing was changed",
            headers = @Header(name = "Location", description = "The deleted item", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.ADMINISTRATOR)
    public Response purge(@PathParam("id") String id, @Context UriInfo uri) {
        return gate.require(PurgeDeletedItemOperation.NAME, id, uri);
    }

    /** 409 problem+json of the refusal's kind, with {@code Location} of the deleted item; nothing was changed. */
    static Response refused(DeletedItemRefusedException e, String id, UriInfo uri) {
        return ProblemDetails.of(Response.Status.CONFLICT, e.reason().kind(), e.reason().title(), e.getMessage())
                .response().location(JobLinks.deletedItem(uri, id)).build();
    }

    static Response notFound(String id) {
        return ProblemDetails.of(Response.Status.NOT_FOUND, "deleted-item-not-found", "Deleted item not found",
                "No deleted item has id '" + id + "'; list them with GET /api/deleted-items").response().build();
    }
}
