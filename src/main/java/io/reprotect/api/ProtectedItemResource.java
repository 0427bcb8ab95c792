package io.reprotect.api;

import io.reprotect.failover.FailoverService;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.replication.DisableProtectionWhatIf;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import io.reprotect.whatif.WhatIf;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/protected-items}: protected VMs, their recovery points, and disabling protection. */
@Path("/protected-items")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Protected items", description = "Protected VMs, their health, RPO and recovery points; failover and drills")
public class ProtectedItemResource {

    static final int MAX_PAGE_SIZE = 100;

    private final ProtectedItemStore items;
    private final FailoverService failovers;
    private final ProtectionConfig config;
    private final PipelineConfig pipeline;
    private final Clock clock;
    @Inject
    DisableProtectionWhatIf disableWhatIf;
    @Inject
    ApprovalGate gate;

    public ProtectedItemResource(ProtectedItemStore items, FailoverService failovers, ProtectionConfig config,
            PipelineConfig pipeline, Clock clock) {
        this.items = items;
        this.failovers = failovers;
        this.config = config;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /** A page of items: {@code value} and {@code nextLink} (absent on the last page), as ARM lists do. */
    @Schema(name = "ProtectedItemPage", description = "A page of protected items; follow nextLink for the next page")
    public record ItemPage(
            @Schema(description = "The protected items of this page") List<ProtectedItemView> value,
            @Schema(description = "URL of the next page; absent on the last page") String nextLink) {
    }

    /** The recovery points of an item, newest first; one page holds them all (retention bounds their number). */
    @Schema(name = "RecoveryPointList", description = "The recovery points of a protected item, newest first")
    public record RecoveryPointList(
            @Schema(description = "Recovery points, newest first") List<RecoveryPoint> value) {
    }

    @GET
    @Operation(operationId = "ListProtectedItems", summary = "List protected items (paged), or find the one of ?vmId=",
            description = "Pages as ARM lists do: follow nextLink until it is absent. With vmId, the one item that "
                    + "protects that VM, or an empty list.")
    @APIResponse(responseCode = "200", description = "A page of protected items",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemPage.class)))
    @APIResponse(responseCode = "400", description = "$top is out of range",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response list(
            @Parameter(description = "Only the item that protects this VM (resource id)")
            @QueryParam("vmId") String vmId,
            @Parameter(description = "Items per page, 1-" + MAX_PAGE_SIZE + " (default 50)")
            @QueryParam(JobListing.TOP) @DefaultValue("50") int pageSize,
            @Parameter(description = "Continuation from a previous page's nextLink; opaque")
            @QueryParam(JobListing.SKIP_TOKEN) String continuation, @Context UriInfo uri) {
        if (vmId != null && !vmId.isBlank()) {
            List<ProtectedItemView> found = items.findByVm(vmId).map(this::view).stream().toList();
            return Response.ok(new ItemPage(found, null)).type(MediaType.APPLICATION_JSON).build();
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-page-size", "Invalid $top",
                    "$top must be 1-" + MAX_PAGE_SIZE).response().build();
        }
        ProtectedItemStore.Page page = items.list(pageSize, continuation);
        String next = page.continuation() == null ? null : uri.getRequestUriBuilder()
                .replaceQueryParam(JobListing.SKIP_TOKEN, page.continuation()).build().toString();
        return Response.ok(new ItemPage(page.items().stream().map(this::view).toList(), next))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "GetProtectedItem", summary = "A protected item: state, health, RPO, allowed operations",
            description = "The item's protection state, replication health and errors, last RPO, recovery points "
                    + "summary and the operations its state allows now.")
    @APIResponse(responseCode = "200", description = "The protected item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProtectedItemView.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response get(@PathParam("id") String id) {
        return items.get(id).map(i -> Response.ok(view(i)).type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/{id}/recovery-points")
    @Operation(operationId = "ListRecoveryPoints", summary = "The item's recovery points, newest first",
            description = "Every recovery point the retention keeps, in one page (no nextLink): the id a failover "
                    + "or change-recovery-point names, its time, type and consistency.")
    @APIResponse(responseCode = "200", description = "The recovery points, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryPointList.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response recoveryPoints(@PathParam("id") String id) {
        return items.get(id).map(i -> {
            List<RecoveryPoint> newestFirst = new java.util.ArrayList<>(i.replicaSet().recoveryPoints());
            java.util.Collections.reverse(newestFirst);
            return Response.ok(new RecoveryPointList(newestFirst)).type(MediaType.APPLICATION_JSON).build();
        })
                .orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/{id}/rpo-history")
    @Operation(operationId = "GetRpoHistory", summary = "The RPO each recent replication cycle left behind, oldest first")
    @APIResponse(responseCode = "200", description = "The samples and the health thresholds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RpoHistoryView.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response rpoHistory(@PathParam("id") String id) {
        return items.get(id).map(i -> Response.ok(RpoHistoryView.of(i.health().rpoHistory(), config))
                .type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "DisableProtection", summary = "Disable protection: a job that stops replication and keeps its data as a deleted item",
            description = "Replicas, recovery points, snapshots and storage accounts are kept for the soft-delete period "
                    + "(GET /api/deleted-items); undelete restores protection, a purge after expiry deletes them.")
    @APIResponse(responseCode = "202", description = "Accepted: poll Location after Retry-After seconds. With the "
            + "two-person rule on (README, Security), the body is instead a pending Approval and Location is "
            + "/api/approvals/{id}: the job starts once a second Administrator approves it",
            headers = {@Header(name = "Location", description = "The disable-protection job's status view, or the "
                    + "pending approval", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "whatIf=true: what the job would delete; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @APIResponse(responseCode = "400", description = "whatIf is neither true nor false",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "A replication cycle is finishing its stage (retry; Location names the "
            + "cycle job), or the item's state does not allow it (problem type operation-not-allowed names the state "
            + "and allowedOperations)",
            headers = @Header(name = "Location", description = "The job that holds the VM", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.ADMINISTRATOR)
    public Response disable(@PathParam("id") String id,
            @Parameter(description = FailoverResource.WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf, @Context UriInfo uri) {
        if (WhatIfParameter.isSet(whatIf)) {
            return disableWhatIf.evaluate(id).map(w -> Response.ok(w).type(MediaType.APPLICATION_JSON).build())
                    .orElseGet(() -> notFound(id));
        }
        return gate.require(DisableProtectionOperation.NAME, id, uri);
    }

    @POST
    @Path("/{id}/disable-protection/whatIf")
    @Operation(operationId = "DisableProtectionWhatIf", summary = "What disabling protection would do",
            description = "Answers what disabling protection of the item would remove from view and keep as a deleted item "
                    + "(replicas, recovery points, source snapshots, storage accounts). Starts nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What disabling would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @APIResponse(responseCode = "404", description = "No such item",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response disableWhatIf(@PathParam("id") String id, @Context UriInfo uri) {
        return disable(id, "true", uri);
    }

    private ProtectedItemView view(ProtectedItem item) {
        return ProtectedItemView.of(item, failovers.state(item), clock.instant(), config);
    }

    static Response notFound(String id) {
        return ProblemDetails.of(Response.Status.NOT_FOUND, "protected-item-not-found", "Protected item not found",
                "No protected item has id " + id + "; list them at /api/protected-items").response().build();
    }
}
