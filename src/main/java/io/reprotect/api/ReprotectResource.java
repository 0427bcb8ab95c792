package io.reprotect.api;

import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.RequestParser;
import io.reprotect.request.ServedSubscriptions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/reprotect}: validate a reprotect request and queue it. */
@Path("/reprotect")
public class ReprotectResource {

    private final RequestParser parser;
    private final JobService jobs;
    private final PipelineConfig config;
    private final ServedSubscriptions subscriptions;

    public ReprotectResource(RequestParser parser, JobService jobs, PipelineConfig config,
            ServedSubscriptions subscriptions) {
        this.parser = parser;
        this.jobs = jobs;
        this.config = config;
        this.subscriptions = subscriptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
    @Operation(operationId = "Reprotect", summary = "Reprotect a failed-over VM toward its primary region",
            description = "Accepts the request and starts a job. Poll the Location header until it answers 200.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ReprotectRequestSchema.class)))
    @APIResponse(responseCode = "202", description = "Accepted: poll Location after Retry-After seconds",
            headers = {@Header(name = "Location", description = "URL of the job", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request: every invalid field is listed",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "The VM already has a job that has not ended; Location names it",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "413", description = "Body larger than 16 KiB")
    @APIResponse(responseCode = "415", description = "Content-Type is not application/json")
    public Response reprotect(String body,
            @Parameter(description = "Optional: a retried request with the same key returns the same job")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context UriInfo uri) {
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > RequestParser.MAX_BODY_BYTES) {
            return ProblemDetails.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "request-too-large",
                    "Request too large", "The body must not exceed " + RequestParser.MAX_BODY_BYTES + " bytes")
                    .response().build();
        }
        ReprotectRequest request = parser.parse(body);
        subscriptions.check(request);
        String jobId = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("http:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        var job = jobs.submit(jobId, request);
        return Response.accepted(JobView.of(job))
                .location(JobLinks.job(uri, job.id()))
                .header("Retry-After", config.pollInterval().toSeconds())
                .build();
    }
}
