package io.reprotect.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.plan.PlanActions;
import io.reprotect.plan.PlanChangedException;
import io.reprotect.plan.PlanNotAllowedException;
import io.reprotect.plan.PlanNotFoundException;
import io.reprotect.plan.PlanOperation;
import io.reprotect.plan.PlanRequest;
import io.reprotect.plan.PlanService;
import io.reprotect.plan.PlanValidation;
import io.reprotect.plan.PlanWhatIf;
import io.reprotect.plan.RecoveryPlan;
import io.reprotect.plan.RecoveryPlanStore;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/recovery-plans}: recovery plans (ordered groups of protected items with pre- and post-actions) and their
 * operations, each one job over the whole plan (202 + Location, polled like single-item jobs). Each endpoint calls
 * one method of {@link RecoveryPlanStore} or {@link PlanService}.
 */
@Path("/recovery-plans")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Recovery plans", description = "Fail over, drill and bring home a whole application, group by group")
public class RecoveryPlanResource {

    static final String PLAN_NAME = "The plan's name: 1-63 letters, digits and hyphens";
    static final String PLAN_OPERATION = "test-failover, test-failover-cleanup, planned-failover, unplanned-failover, "
            + "commit, cancel or reprotect";

    /** The largest body read: the server's own limit (100 items with their actions fit well within it). */
    static final int MAX_BODY_CHARS = 64 * 1024;
    private static final ObjectReader STRICT = JobJson.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).reader();
    private static final String PROBLEM = ProblemDetails.MEDIA_TYPE;
    /** Plans as the store writes them, with durations (action timeouts) as ISO 8601 text, as callers send them. */
    private static final ObjectMapper VIEW = JobJson.MAPPER.copy()
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private final RecoveryPlanStore plans;
    private final PlanService service;
    private final PlanActions actions;
    private final ProtectedItemStore items;
    private final PipelineConfig config;

    public RecoveryPlanResource(RecoveryPlanStore plans, PlanService service, PlanActions actions,
            ProtectedItemStore items, PipelineConfig config) {
        this.plans = plans;
        this.service = service;
        this.actions = actions;
        this.items = items;
        this.config = config;
    }

    /** The plans, by name. */
    @Schema(name = "RecoveryPlanList", description = "Every recovery plan")
    public record PlanList(@Schema(description = "The plans") List<RecoveryPlan> value) {
    }

    @GET
    @Operation(operationId = "ListRecoveryPlans", summary = "List recovery plans",
            description = "Every recovery plan: its groups of protected items and their pre- and post-actions.")
    @APIResponse(responseCode = "200", description = "The plans",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanList.class)))
    @Allowed(Role.READER)
    public Response list() {
        return Response.ok(VIEW.valueToTree(new PlanList(plans.list().stream()
                .map(v -> RecoveryPlanView.of(v.value())).toList()))).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "GetRecoveryPlan", summary = "A recovery plan, with its ETag",
            description = "Header values of HTTP actions are not returned (they may hold keys): a PUT gives them again.")
    @APIResponse(responseCode = "200", description = "The plan; ETag names its version",
            headers = @Header(name = HttpHeaders.ETAG, description = "The plan's version, for If-Match",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryPlan.class)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response get(@Parameter(description = PLAN_NAME) @PathParam("name") String name) {
        Versioned<RecoveryPlan> plan = plans.get(name).orElseThrow(() -> new PlanNotFoundException(name));
        return Response.ok(view(plan.value())).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ETAG, plan.etag()).build();
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "PutRecoveryPlan", summary = "Create or replace a recovery plan",
            description = "Ordered groups of protected items (up to " + RecoveryPlan.MAX_ITEMS + " items in a plan, "
                    + "each in one group), with pre- and post-actions per group. If-Match replaces only the version "
                    + "read; If-None-Match: * creates only. A running plan job keeps the plan as it started.")
    @APIResponse(responseCode = "200", description = "The plan as stored; ETag names its new version",
            headers = @Header(name = HttpHeaders.ETAG, description = "The plan's new version",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryPlan.class)))
    @APIResponse(responseCode = "400", description = "Invalid plan: every problem is listed; nothing was stored",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "412", description = "If-Match or If-None-Match did not hold; nothing was stored",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.OPERATOR)
    public Response put(@Parameter(description = PLAN_NAME) @PathParam("name") String name, String body,
            @Parameter(description = "Act only if the plan is still this version (its ETag)") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Parameter(description = "*: create only, refuse if the plan exists") @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Parameter(description = "true: validate only; answer 200 with the plan as it would be stored, store nothing",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf) {
        // an item may be named by its protected VM's id, as operators know it; the plan keeps the item's id
        RecoveryPlan plan = parse(body, RecoveryPlan.class).named(name).withItems(item -> item != null
                && item.startsWith("/subscriptions/") ? items.findByVm(item).map(ProtectedItem::id).orElse(item) : item);
        List<FieldError> problems = PlanValidation.problems(plan, id -> items.get(id).isPresent(), actions);
        if (!problems.isEmpty()) {
            return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-recovery-plan", "Invalid recovery plan",
                    "The plan was not stored: " + problems.size() + " problem(s), each listed in errors")
                    .withErrors(problems).response().build();
        }
        if (WhatIfParameter.isSet(whatIf)) {
            return Response.ok(view(plan)).type(MediaType.APPLICATION_JSON).build();
        }
        Versioned<RecoveryPlan> stored = plans.put(plan, ifMatch, ifNoneMatch);
        return Response.ok(view(stored.value())).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ETAG, stored.etag()).build();
    }

    @DELETE
    @Path("/{name}")
    @Operation(operationId = "DeleteRecoveryPlan", summary = "Delete a recovery plan",
            description = "Deletes the plan only: its items, their protection and any plan job are left as they are.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "200", description = "whatIf=true: the plan that would be deleted; nothing was deleted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryPlan.class)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "412", description = "If-Match did not hold; nothing was deleted",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.OPERATOR)
    public Response delete(@Parameter(description = PLAN_NAME) @PathParam("name") String name, @Parameter(description = "Act only if the plan is still this version (its ETag)") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "true: answer 200 with the plan that would be deleted, delete nothing",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf) {
        if (WhatIfParameter.isSet(whatIf)) {
            return get(name);
        }
        if (!plans.delete(name, ifMatch)) {
            throw new PlanNotFoundException(name);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{name}/{operation}")
    @Operation(operationId = "RunRecoveryPlan", summary = "Run an operation over the whole plan, as one job",
            description = "operation: test-failover, test-failover-cleanup, planned-failover, unplanned-failover, "
                    + "commit, cancel or reprotect. Groups run in order, the items of a group side by side (bounded); "
                    + "a failed item stops the plan at the end of its group. Body (optional): recoveryPointTime or "
                    + "commonPointInTime (test and unplanned failover), networkId, networksByRegion, networksByItem, "
                    + "allowProductionNetwork (test failover). With whatIf=true: every item's what-if; starts nothing.")
    @APIResponse(responseCode = "202", description = "Accepted: poll Location after Retry-After seconds",
            headers = {@Header(name = "Location", description = "The plan job's status view",
                    schema = @Schema(type = SchemaType.STRING), required = true),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling",
                            schema = @Schema(type = SchemaType.INTEGER), required = true)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "whatIf=true: what every item's job would do; nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanWhatIf.class)))
    @APIResponse(responseCode = "400", description = "Unknown operation or invalid body: every invalid field is listed",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "An item's state does not allow the operation (Location: the "
            + "plan), or another job of the plan runs (Location: that job); nothing was started",
            headers = @Header(name = "Location", description = "The plan, or the plan job that runs",
                    schema = @Schema(type = SchemaType.STRING), required = true),
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.OPERATOR)
    public Response run(@Parameter(description = PLAN_NAME) @PathParam("name") String name, @Parameter(description = PLAN_OPERATION) @PathParam("operation") String operation,
            @RequestBody(required = false, description = "Options of the operation, as its description lists them",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
            String body,
            @HeaderParam("Idempotency-Key") String key,
            @Parameter(description = FailoverResource.WHAT_IF, schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam(WhatIfParameter.NAME) String whatIf, @Context UriInfo uri) {
        PlanOperation op = operation(operation);
        PlanRequest request = request(op, body);
        if (WhatIfParameter.isSet(whatIf)) {
            return Response.ok(VIEW.valueToTree(service.whatIf(name, request))).type(MediaType.APPLICATION_JSON).build();
        }
        try {
            Job job = service.start(name, request, key);
            return Response.accepted(JobView.of(job)).location(JobLinks.job(uri, job.id()))
                    .header("Retry-After", config.pollInterval().toSeconds()).build();
        } catch (PlanNotAllowedException e) {
            return ProblemDetails.of(Response.Status.CONFLICT, "recovery-plan-not-allowed",
                    "The plan's items do not allow the operation", e.getMessage()).response()
                    .location(uri.getBaseUriBuilder().path("recovery-plans").path(name).build()).build();
        }
    }

    @POST
    @Path("/{name}/{operation}/whatIf")
    @Operation(operationId = "RunRecoveryPlanWhatIf", summary = "What a plan operation would do",
            description = "The same body as RunRecoveryPlan; answers every item's what-if, group by group, and whether "
                    + "an item's state would fail the plan before anything runs. Starts nothing, changes nothing.")
    @APIResponse(responseCode = "200", description = "What every item's job would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanWhatIf.class)))
    @APIResponse(responseCode = "400", description = "Unknown operation or invalid body: every invalid field is listed",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "No such plan",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response whatIf(@Parameter(description = PLAN_NAME) @PathParam("name") String name, @Parameter(description = PLAN_OPERATION) @PathParam("operation") String operation,
            @RequestBody(required = false, description = "Options of the operation, as its description lists them",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
            String body) {
        PlanOperation op = operation(operation);
        return Response.ok(VIEW.valueToTree(service.whatIf(name, request(op, body)))).type(MediaType.APPLICATION_JSON)
                .build();
    }

    private static JsonNode view(RecoveryPlan plan) {
        return VIEW.valueToTree(RecoveryPlanView.of(plan));
    }

    private static PlanOperation operation(String operation) {
        return PlanOperation.byPath(operation).orElseThrow(() -> invalid("operation", "must be one of "
                + String.join(", ", Arrays.stream(PlanOperation.values()).map(PlanOperation::pathName).toList())));
    }

    /** The operation's options, each only where the operation uses it; 400 naming the field otherwise. */
    private static PlanRequest request(PlanOperation op, String body) {
        Options options = body == null || body.isBlank() ? new Options(null, null, null, null, null, null)
                : parse(body, Options.class);
        boolean common = Boolean.TRUE.equals(options.commonPointInTime());
        if ((options.recoveryPointTime() != null || common) && !op.choosesRecoveryPoint()) {
            throw invalid(options.recoveryPointTime() != null ? "recoveryPointTime" : "commonPointInTime",
                    "only test-failover and unplanned-failover choose a recovery point (a planned failover takes a "
                            + "final one)");
        }
        if (options.recoveryPointTime() != null && common) {
            throw invalid("commonPointInTime", "give recoveryPointTime or commonPointInTime, not both");
        }
        boolean networks = options.networkId() != null || options.networksByRegion() != null
                || options.networksByItem() != null || options.allowProductionNetwork() != null;
        if (networks && op != PlanOperation.TEST_FAILOVER) {
            throw invalid("networkId", "networks are options of test-failover only");
        }
        return new PlanRequest(op, options.recoveryPointTime(), common, options.networkId(), options.networksByRegion(),
                options.networksByItem(), Boolean.TRUE.equals(options.allowProductionNetwork()));
    }

    /** The body of a plan operation. */
    @Schema(name = "RecoveryPlanOperation", description = "Options of a plan operation; all optional")
    public record Options(
            @Schema(description = "Test or unplanned failover: every item uses its newest point not after this time")
            java.time.Instant recoveryPointTime,
            @Schema(description = "Test or unplanned failover: every item uses its newest point not after the newest "
                    + "time at which every item has one; the answer says the largest skew between the points")
            Boolean commonPointInTime,
            @Schema(description = "Test failover: the isolated network every drill VM joins") String networkId,
            @Schema(description = "Test failover: isolated network per region") java.util.Map<String, String> networksByRegion,
            @Schema(description = "Test failover: network per protected item id") java.util.Map<String, String> networksByItem,
            @Schema(description = "Test failover: allow networks that are not isolated") Boolean allowProductionNetwork) {
    }

    private static <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw invalid("body", "required: a JSON object");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw invalid("body", "longer than " + MAX_BODY_CHARS + " characters");
        }
        try {
            JsonNode json = STRICT.readTree(body);
            if (json == null || !json.isObject()) {
                throw invalid("body", "must be a JSON object");
            }
            return STRICT.forType(type).readValue(json);
        } catch (IOException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? path(m) : "body";
            throw invalid(field, "cannot be read: " + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldError(field, reason)));
    }

    /** 404 for a plan that does not exist. */
    @Provider
    public static class NotFoundMapper implements ExceptionMapper<PlanNotFoundException> {
        @Override
        public Response toResponse(PlanNotFoundException e) {
            return ProblemDetails.of(Response.Status.NOT_FOUND, "recovery-plan-not-found", "Recovery plan not found",
                    e.getMessage()).response().build();
        }
    }

    /** 412 for a write whose If-Match or If-None-Match did not hold. */
    @Provider
    public static class ChangedMapper implements ExceptionMapper<PlanChangedException> {
        @Override
        public Response toResponse(PlanChangedException e) {
            return ProblemDetails.of(Response.Status.PRECONDITION_FAILED, "recovery-plan-changed",
                    "The recovery plan changed", e.getMessage()).response().build();
        }
    }
}
