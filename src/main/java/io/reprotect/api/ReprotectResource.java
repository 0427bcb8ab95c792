package io.reprotect.api;

import io.reprotect.job.DerivedIds;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.reprotect.ReprotectService;
import io.reprotect.reprotect.ReprotectWhatIf;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.RequestParser;
import io.reprotect.request.ServedSubscriptions;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
import io.reprotect.whatif.WhatIf;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/reprotect}: validate a reprotect request and queue it. */
@Path("/reprotect")
@Tag(name = "Reprotect", description = "Start reprotecting a failed-over VM")
public class ReprotectResource {

    private final RequestParser parser;
    private final ReprotectService jobs;
    private final PipelineConfig config;
    private final ServedSubscriptions subscriptions;
    private final ReprotectWhatIf whatIfs;

    public ReprotectResource(RequestParser parser, ReprotectService jobs, PipelineConfig config,
            ServedSubscriptions subscriptions, ReprotectWhatIf whatIfs) {
        this.parser = parser;
        this.jobs = jobs;
        this.config = config;
        this.subscriptions = subscriptions;
        this.whatIfs = whatIfs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    @Operation(operationId = "Reprotect", summary = "Reprotect a VM",
            description = "Reprotects a failed-over VM toward its primary region. Answers 202 at once; Location is the "
                    + "job's operation result: poll it after Retry-After seconds until it answers 200 (Succeeded) "
                    + "or a problem (422 Failed, 409 Cancelled).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReprotectRequestSchema.class)))
    @APIResponse(responseCode = "202", description = "Accepted: poll Location after Retry-After seconds",
            headers = {@Header(name = "Location", description = "The job's operation result (absolute https URL)",
                    required = true, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "whatIf=true: what the job would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @APIResponse(responseCode = "400", description = "Invalid request: every invalid field is listed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "The VM already has a job that has not ended; Location names it",
            headers = @Header(name = "Location", description = "The status view of the job that holds the VM",
                    required = true, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 16 KiB",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "415", description = "Content-Type missing, repeated, not application/json, or a charset other than UTF-8",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "503", description = "The job could not be queued; retry with the same Idempotency-Key",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was first used with a different request",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.ADMINISTRATOR)
    public Response reprotect(byte[] body,
            @Parameter(description = "A retried request with the same key returns the same job instead of a 409; the"
                    + " same key with a different request is refused with 422")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Parameter(description = "true: answer 200 with what the job would create, reuse, change and delete, "
                    + "the bytes it may move and the checks that would refuse it; start nothing, change nothing",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN))
            @QueryParam("whatIf") String whatIf,
            @Context UriInfo uri) {
        if (body != null && body.length > RequestParser.MAX_BODY_BYTES) {
            return ProblemDetails.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request-too-large",
                    "Request too large", "The body must not exceed " + RequestParser.MAX_BODY_BYTES + " bytes")
                    .response().build();
        }
        boolean whatIfOnly = WhatIfParameter.isSet(whatIf); // first: a misspelt whatIf must not start a real job
        String key = IdempotencyKey.parse(idempotencyKey);
        ReprotectRequest request = parser.parse(body);
        subscriptions.check(request);
        if (whatIfOnly) {
            return Response.ok(whatIfs.evaluate(request)).type(MediaType.APPLICATION_JSON).build();
        }
        String jobId = key == null
                ? UUID.randomUUID().toString()
                : DerivedIds.of("http:" + key);
        var job = jobs.submit(jobId, request);
        return Response.accepted(JobView.of(job))
                .location(JobLinks.result(uri, job.id()))
                .header("Retry-After", config.pollInterval().toSeconds())
                .build();
    }

    @POST
    @Path("/whatIf")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ReprotectWhatIf", summary = "What a reprotect would do",
            description = "The same body as Reprotect; answers what the job would create, reuse, change and delete, the "
                    + "bytes it may move and the checks that would refuse it. Starts nothing, changes nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReprotectRequestSchema.class)))
    @APIResponse(responseCode = "200", description = "What the reprotect would do; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WhatIf.class)))
    @APIResponse(responseCode = "400", description = "Invalid request: every invalid field is listed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response reprotectWhatIf(byte[] body, @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
                                    @Context UriInfo uri) {
        return reprotect(body, idempotencyKey, "true", uri);
    }
}
