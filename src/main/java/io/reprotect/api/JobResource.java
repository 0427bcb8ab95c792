package io.reprotect.api;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.security.Allowed;
import io.reprotect.security.Role;
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
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/jobs}: the job history, newest first; {@code /api/jobs/{id}}: the status view of a
 * job, its operation result, cancel and resume.
 *
 * <p>Like ARM's pair of Azure-AsyncOperation and Location, a job has two URLs: the status view
 * answers 200 with the job once it has ended, whatever the outcome (for people and dashboards);
 * the operation result ({@code /result}) is what a poller follows to the end, and answers a
 * problem when the job Failed or was Cancelled, so a Logic App's HTTP action fails with it.
 */
@Path("/jobs")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
@Tag(name = "Jobs", description = "Follow, cancel and resume reprotect jobs")
public class JobResource {

    private final JobService jobs;
    private final PipelineConfig config;
    private final JobListing listing;

    public JobResource(JobService jobs, PipelineConfig config, JobListing listing) {
        this.jobs = jobs;
        this.config = config;
        this.listing = listing;
    }

    @GET
    @Operation(operationId = "ListJobs", summary = "List jobs, newest first, with filters and paging",
            description = "Follow nextLink until it is absent to read every matching job.")
    @APIResponse(responseCode = "200", description = "A page of jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobListView.class)))
    @APIResponse(responseCode = "400", description = "A filter or paging parameter is invalid: errors names it",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response list(
            @Parameter(description = "Only jobs of this VM (resource id, compared case-insensitively)")
            @QueryParam("vmId") String vmId,
            @Parameter(description = "Only jobs of this operation", schema = @Schema(type = SchemaType.STRING, enumeration = {"reprotect", "replication-cycle", "disable-protection"}))
            @QueryParam("operation") String operation,
            @Parameter(description = "Only jobs in this state now",
                    schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"NotStarted", "InProgress", "Succeeded", "Failed", "Cancelled"}))
            @QueryParam("state") String state,
            @Parameter(description = "Only jobs created at or after this ISO-8601 instant, e.g. 2026-11-20T00:00:00Z")
            @QueryParam("createdAfter") String createdAfter,
            @Parameter(description = "Only jobs created before this ISO-8601 instant")
            @QueryParam("createdBefore") String createdBefore,
            @Parameter(description = "Only jobs asked for by this principal: its Entra object id or name (compared "
                    + "case-insensitively), or 'function key' for calls with a function key alone")
            @QueryParam("requestedBy") String requestedBy,
            @Parameter(description = "Jobs per page, 1-" + JobListing.MAX_PAGE_SIZE + " (default " + JobListing.DEFAULT_PAGE_SIZE + ")")
            @QueryParam(JobListing.TOP) String top,
            @Parameter(description = "Continuation from a previous page's nextLink; opaque")
            @QueryParam(JobListing.SKIP_TOKEN) String skipToken,
            @Context UriInfo uri) {
        return listing.list(vmId, operation, state, createdAfter, createdBefore, requestedBy, top, skipToken, uri);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "GetJob", summary = "Get a job's status",
            description = "The status view: 202 while the job runs, 200 with the job once it has ended, whatever the outcome.")
    @APIResponse(responseCode = "200", description = "The job ended: Succeeded, Failed or Cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "202", description = "NotStarted or InProgress: poll Location again after Retry-After seconds",
            headers = {@Header(name = "Location", description = "This status view", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling again", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.READER)
    public Response get(@Parameter(description = "Job id") @PathParam("id") String id, @Context UriInfo uri) {
        return jobs.get(id).map(job -> statusView(job, uri)).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/{id}/result")
    @Operation(operationId = "GetJobResult", summary = "Get a job's result",
            description = "The operation result a poller follows: 202 while the job runs, 200 with the job when it Succeeded, "
                    + "422 problem when it Failed, 409 problem when it was Cancelled.")
    @APIResponse(responseCode = "200", description = "The job Succeeded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "202", description = "NotStarted or InProgress: poll Location again after Retry-After seconds",
            headers = {@Header(name = "Location", description = "This operation result", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling again", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "The job was Cancelled",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = JobOutcomeProblem.class)))
    @APIResponse(responseCode = "422", description = "The job Failed: the failed task and its errors",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = JobOutcomeProblem.class)))
    @Allowed(Role.READER)
    public Response result(@Parameter(description = "Job id") @PathParam("id") String id, @Context UriInfo uri) {
        return jobs.get(id).map(job -> result(job, uri)).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "CancelJob", summary = "Cancel a job",
            description = "The stage in flight finishes its slice, then the job is Cancelled. Location is the status view, "
                    + "which answers 200 once the job has ended.")
    @APIResponse(responseCode = "202", description = "Cancellation requested: poll Location after Retry-After seconds",
            headers = {@Header(name = "Location", description = "The job's status view", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "The job had already ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.OPERATOR)
    public Response cancel(@Parameter(description = "Job id") @PathParam("id") String id, @Context UriInfo uri) {
        return jobs.cancel(id).map(job -> statusView(job, uri)).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(operationId = "ResumeJob", summary = "Resume a failed job",
            description = "Resumes a Failed job from its failed stage, keeping completed work. Location is the operation result.")
    @APIResponse(responseCode = "202", description = "Resumed: poll Location after Retry-After seconds",
            headers = {@Header(name = "Location", description = "The job's operation result", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "Seconds to wait before polling", required = true,
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "200", description = "The job had already ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "The job has not failed, or another job holds the VM; Location names the job",
            headers = @Header(name = "Location", description = "The job's status view", required = true,
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @Allowed(Role.OPERATOR)
    public Response resume(@Parameter(description = "Job id") @PathParam("id") String id, @Context UriInfo uri) {
        try {
            return jobs.resume(id).map(job -> job.state().ended()
                    ? ended(job) : running(job, JobLinks.result(uri, job.id()))).orElseGet(() -> notFound(id));
        } catch (IllegalStateException e) {
            return ProblemDetails.of(Response.Status.CONFLICT, "job-not-failed", "Job cannot be resumed",
                    e.getMessage()).response().location(JobLinks.job(uri, id)).build();
        }
    }

    private Response statusView(Job job, UriInfo uri) {
        return job.state().ended() ? ended(job) : running(job, JobLinks.job(uri, job.id()));
    }

    private Response result(Job job, UriInfo uri) {
        if (!job.state().ended()) {
            return running(job, JobLinks.result(uri, job.id()));
        }
        return job.state() == JobState.Succeeded ? ended(job) : JobOutcomeProblem.of(job).response();
    }

    private static Response ended(Job job) {
        return Response.ok(JobView.of(job)).type(MediaType.APPLICATION_JSON).build();
    }

    private Response running(Job job, URI location) {
        return Response.accepted(JobView.of(job)).type(MediaType.APPLICATION_JSON)
                .location(location)
                .header("Retry-After", config.pollInterval().toSeconds())
                .build();
    }

    private static Response notFound(String id) {
        return ProblemDetails.of(Response.Status.NOT_FOUND, "job-not-found", "Job not found",
                "There is no job with id '" + id + "'").response().build();
    }
}
