package io.reprotect.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.failover.CancelFailoverWhatIf;
import io.reprotect.failover.ChangeRecoveryPointWhatIf;
import io.reprotect.failover.CommitFailoverWhatIf;
import io.reprotect.failover.DrillKeep;
import io.reprotect.failover.FailoverPlan;
import io.reprotect.failover.FailoverService;
import io.reprotect.failover.FailoverWhatIf;
import io.reprotect.failover.ItemState;
import io.reprotect.failover.TestFailoverCleanupWhatIf;
import io.reprotect.failover.TestFailoverWhatIf;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.protection.Lifecycle;
import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import io.reprotect.whatif.WhatIf;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Failover of a protected item back to its primary region, and test failover: each call starts a job
 * (202 + Location, polled like reprotect); a call the item's state does not allow answers 409 naming
 * the state and the allowed operations. With {@code ?whatIf=true} each answers 200 with what its job would do
 * ({@link WhatIf}) after the same validation, and starts nothing.
 */
@Path("/protected-items")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Protected items")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
public class FailoverResource {

    static final String WHAT_IF = "true: answer 200 with what the job would create, reuse, change and delete, the "
            + "bytes it may move and the checks that would refuse it; start nothing, change nothing";

    private final FailoverService failovers;
    private final PipelineConfig config;
    @Inject
    FailoverWhatIf failoverWhatIf;
    @Inject
    ChangeRecoveryPointWhatIf changeRecoveryPointWhatIf;
    @Inject
    CommitFailoverWhatIf commitWhatIf;
    @Inject
    CancelFailoverWhatIf cancelWhatIf;
    @Inject
    TestFailoverWhatIf testFailoverWhatIf;
    @Inject
    TestFailoverCleanupWhatIf cleanupWhatIf;

    public FailoverResource(FailoverService failovers, PipelineConfig config) {
        this.failovers = failovers;
        this.config = config;
    }

    /**
     * The failover part of the item's state (kept for clients that read it; {@code GET /protected-items/{id}}
     * shows the same and more): activeLocation, failoverState, testFailoverState, allowedOperations.
     */
    @GET
    @Path("/{id}/failover-status")
    @Operation(operationId = "GetFailoverStatus", summary = "Failover state and allowed operations of a protected item")
    @Allowed(Role.READER)
    public FailoverStatusView status(@PathParam("id") String id) {
        Lifecycle s = failovers.status(id)
                .orElseThrow(() -> new NotFoundException("No protected item " + id));
        ItemState state = failovers.state(id).orElseThrow(() -> new NotFoundException("No protected item " + id));
        return new FailoverStatusView(id, state.activeLocation(), state.failoverState(), s.failoverType(),
                s.recoveryPointId(), state.testFailoverState(), s.drillJobId(), state.allowedOperations());
    }

    @POST
    @Path("/{id}/failover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "Failover", summary = "Fail the VM over to its primary region (Planned or Unplanned)")
    @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")
    @Allowed(Role.OPERATOR)
    public Response failover(@PathParam("id") String id, String body, @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf,
                             @Context UriInfo uri) {
        boolean whatIfOnly = WhatIfParameter.isSet(whatIf);
        JsonNode json = parse(body, Set.of("type", "recoveryPoint"));
        String type = json.path("type").asText(null);
        if (!FailoverPlan.PLANNED.equals(type) && !FailoverPlan.UNPLANNED.equals(type)) {
            throw invalid("type", "required: Planned (shuts the source down, loses nothing) or Unplanned (from a "
                    + "recovery point, without touching the secondary region)");
        }
        String point = json.path("recoveryPoint").asText(null);
        if (FailoverPlan.PLANNED.equals(type) && point != null && !point.equals("Latest")) {
            throw invalid("recoveryPoint", "a planned failover always creates from the point its final sync takes; "
                    + "leave it out or give Latest");
        }
        if (whatIfOnly) {
            return ok(failoverWhatIf.evaluate(id, type, point, key));
        }
        return accepted(failovers.failover(id, type, point, FailoverService.jobId("failover", id, key)), uri);
    }

    @POST
    @Path("/{id}/change-recovery-point")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ChangeRecoveryPoint", summary = "Recreate the failed-over VM from another recovery point")
    @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")
    @Allowed(Role.OPERATOR)
    public Response changeRecoveryPoint(@PathParam("id") String id, String body,
                                        @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf,
                                        @Context UriInfo uri) {
        boolean whatIfOnly = WhatIfParameter.isSet(whatIf);
        JsonNode json = parse(body, Set.of("recoveryPoint"));
        if (!json.hasNonNull("recoveryPoint")) {
            throw invalid("recoveryPoint", "required: Latest, LatestProcessed, LatestApplicationConsistent or an id");
        }
        if (whatIfOnly) {
            return ok(changeRecoveryPointWhatIf.evaluate(id, json.get("recoveryPoint").asText(), key));
        }
        return accepted(failovers.changeRecoveryPoint(id, json.get("recoveryPoint").asText(),
                FailoverService.jobId("change-recovery-point", id, key)), uri);
    }

    @POST
    @Path("/{id}/commit")
    @Operation(operationId = "CommitFailover", summary = "Commit the failover")
    @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")
    @Allowed(Role.OPERATOR)
    public Response commit(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf,
                           @Context UriInfo uri) {
        if (WhatIfParameter.isSet(whatIf)) {
            return ok(commitWhatIf.evaluate(id, key));
        }
        return accepted(failovers.commit(id, FailoverService.jobId("commit", id, key)), uri);
    }

    @POST
    @Path("/{id}/cancel-failover")
    @Operation(operationId = "CancelFailover", summary = "Undo a failover that is not committed")
    @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")
    @Allowed(Role.OPERATOR)
    public Response cancel(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf,
                           @Context UriInfo uri) {
        if (WhatIfParameter.isSet(whatIf)) {
            return ok(cancelWhatIf.evaluate(id, key));
        }
        return accepted(failovers.cancel(id, FailoverService.jobId("cancel", id, key)), uri);
    }

    @POST
    @Path("/{id}/test-failover")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "TestFailover", summary = "Start a copy of the VM in an isolated network (a drill)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TestFailoverRequestSchema.class)))
    @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")
    @Allowed(Role.OPERATOR)
    public Response testFailover(@PathParam("id") String id, String body, @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf,
                                 @Context UriInfo uri) {
        boolean whatIfOnly = WhatIfParameter.isSet(whatIf);
        JsonNode json = parse(body, Set.of("recoveryPoint", "networkId", "allowProductionNetwork", "keepIdentities",
                "keepTags"));
        DrillKeep keep = new DrillKeep(names(json, "keepIdentities"), names(json, "keepTags"));
        if (whatIfOnly) {
            return ok(testFailoverWhatIf.evaluate(id, json.path("recoveryPoint").asText(null),
                    json.path("networkId").asText(null), json.path("allowProductionNetwork").asBoolean(false), keep,
                    key));
        }
        return accepted(failovers.testFailover(id, json.path("recoveryPoint").asText(null),
                json.path("networkId").asText(null), json.path("allowProductionNetwork").asBoolean(false), keep,
                FailoverService.jobId("test-failover", id, key)), uri);
    }

    @POST
    @Path("/{id}/test-failover-cleanup")
    @Operation(operationId = "TestFailoverCleanup", summary = "Delete exactly what the drill created")
    @Extension(name = OpenApiDocument.JOB_ON_ITEM, value = "true")
    @Allowed(Role.OPERATOR)
    public Response cleanup(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf,
                            @Context UriInfo uri) {
        if (WhatIfParameter.isSet(whatIf)) {
            return ok(cleanupWhatIf.evaluate(id, key));
        }
        return accepted(failovers.testFailoverCleanup(id, FailoverService.jobId("cleanup", id, key)), uri);
    }

    private static Response ok(WhatIf whatIf) {
        return Response.ok(whatIf).type(MediaType.APPLICATION_JSON).build();
    }

    private Response accepted(Job job, UriInfo uri) {
        return Response.accepted(JobView.of(job)).location(JobLinks.job(uri, job.id()))
                .header("Retry-After", config.pollInterval().toSeconds()).build();
    }

    /** An optional array of non-blank names; 400 naming the field otherwise. */
    private static List<String> names(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field, "must be an array of names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw invalid(field, "must be an array of names (non-empty strings)");
            }
            names.add(n.asText());
        }
        return names;
    }

    private static JsonNode parse(String body, Set<String> known) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? JobJson.MAPPER.createObjectNode() : JobJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw invalid("body", "is not valid JSON");
        }
        if (!json.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        List<FieldError> unknown = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(new FieldError(name, "unknown field; known: " + String.join(", ", known)));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(unknown);
        }
        return json;
    }

    // What-if operations of their own: the same answers as ?whatIf=true on each call, as separate operations so that
    // a connector (one operation per path and method) offers them beside the job-starting actions, whose 200 is a Job.

    @POST
    @Path("/{id}/failover/whatIf")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "FailoverWhatIf", summary = "What a failover would do",
            description = "The same body as Failover; answers what it would create, change and delete, the bytes it "
                    + "may move and the checks that would refuse it. Starts nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What the failover would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @Allowed(Role.READER)
    public Response failoverWhatIf(@PathParam("id") String id, String body, @HeaderParam("Idempotency-Key") String key,
                                   @Context UriInfo uri) {
        return failover(id, body, key, "true", uri);
    }

    @POST
    @Path("/{id}/change-recovery-point/whatIf")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ChangeRecoveryPointWhatIf", summary = "What a change of recovery point would do",
            description = "The same body as ChangeRecoveryPoint; answers what it would create and delete. Starts "
                    + "nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What the change would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @Allowed(Role.READER)
    public Response changeRecoveryPointWhatIf(@PathParam("id") String id, String body,
                                              @HeaderParam("Idempotency-Key") String key, @Context UriInfo uri) {
        return changeRecoveryPoint(id, body, key, "true", uri);
    }

    @POST
    @Path("/{id}/commit/whatIf")
    @Operation(operationId = "CommitFailoverWhatIf", summary = "What committing the failover would do",
            description = "Answers what the commit would delete (replicas, recovery points, source snapshots, storage "
                    + "accounts) and keep. Starts nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What the commit would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @Allowed(Role.READER)
    public Response commitWhatIf(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
                                 @Context UriInfo uri) {
        return commit(id, key, "true", uri);
    }

    @POST
    @Path("/{id}/cancel-failover/whatIf")
    @Operation(operationId = "CancelFailoverWhatIf", summary = "What cancelling the failover would do",
            description = "Answers what the cancel would start and delete. Starts nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What the cancel would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @Allowed(Role.READER)
    public Response cancelWhatIf(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
                                 @Context UriInfo uri) {
        return cancel(id, key, "true", uri);
    }

    @POST
    @Path("/{id}/test-failover/whatIf")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "TestFailoverWhatIf", summary = "What a test failover would do",
            description = "The same body as TestFailover; answers what the drill would create. Starts nothing, changes "
                    + "nothing.")
    @APIResponse(responseCode = "200", description = "What the drill would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @Allowed(Role.READER)
    public Response testFailoverWhatIf(@PathParam("id") String id, String body,
                                       @HeaderParam("Idempotency-Key") String key, @Context UriInfo uri) {
        return testFailover(id, body, key, "true", uri);
    }

    @POST
    @Path("/{id}/test-failover-cleanup/whatIf")
    @Operation(operationId = "TestFailoverCleanupWhatIf", summary = "What the drill's cleanup would do",
            description = "Answers exactly what the cleanup would delete. Starts nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What the cleanup would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @Allowed(Role.READER)
    public Response cleanupWhatIf(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String key,
                                  @Context UriInfo uri) {
        return cleanup(id, key, "true", uri);
    }

    private static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldError(field, reason)));
    }

    /** The failover part of a protected item, in ASR's words. */
    public record FailoverStatusView(String id, String activeLocation, String failoverState, String failoverType,
                                     String recoveryPointId, String testFailoverState, String testFailoverJobId,
                                     List<String> allowedOperations) {
    }
}
