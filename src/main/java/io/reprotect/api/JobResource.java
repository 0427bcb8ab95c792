package io.reprotect.api;

import io.reprotect.job.Job;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.PipelineConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.reprotect.job.JobState;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/jobs}: the job history; {@code /api/jobs/{id}}: poll, cancel and resume a job. */
@Path("/jobs")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
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
    public Response list(
            @Parameter(description = "Only jobs of this VM (resource id, compared case-insensitively)")
            @QueryParam("vmId") String vmId,
            @Parameter(description = "Only jobs of this operation", schema = @Schema(enumeration = {"reprotect"}))
            @QueryParam("operation") String operation,
            @Parameter(description = "Only jobs in this state now",
                    schema = @Schema(implementation = JobState.class)) @QueryParam("state") String state,
            @Parameter(description = "Only jobs created at or after this ISO-8601 instant, e.g. 2026-11-20T00:00:00Z")
            @QueryParam("createdAfter") String createdAfter,
            @Parameter(description = "Only jobs created before this ISO-8601 instant")
            @QueryParam("createdBefore") String createdBefore,
            @Parameter(description = "Jobs per page, 1-" + JobListing.MAX_PAGE_SIZE + " (default " + JobListing.DEFAULT_PAGE_SIZE + ")")
            @QueryParam(JobListing.TOP) String top,
            @Parameter(description = "Continuation from a previous page's nextLink; opaque")
            @QueryParam(JobListing.SKIP_TOKEN) String skipToken,
            @Context UriInfo uri) {
        return listing.list(vmId, operation, state, createdAfter, createdBefore, top, skipToken, uri);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "GetJob", summary = "Poll a job: 202 while it runs, 200 once it has ended")
    @APIResponse(responseCode = "200", description = "The job ended: Succeeded, Failed or Cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "202", description = "NotStarted or InProgress: poll again after Retry-After",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job",
            content = @Content(mediaType = ProblemDetails.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public Response get(@PathParam("id") String id, @Context UriInfo uri) {
        return jobs.get(id).map(job -> view(job, uri)).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "CancelJob", summary = "Cancel a job: the stage in flight finishes its slice, then the job is Cancelled")
    @APIResponse(responseCode = "202", description = "Cancellation requested; poll Location")
    @APIResponse(responseCode = "200", description = "The job had already ended")
    @APIResponse(responseCode = "404", description = "No such job")
    public Response cancel(@PathParam("id") String id, @Context UriInfo uri) {
        return jobs.cancel(id).map(job -> view(job, uri)).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(operationId = "ResumeJob", summary = "Resume a Failed job from its failed stage, keeping completed work")
    @APIResponse(responseCode = "202", description = "Resumed; poll Location")
    @APIResponse(responseCode = "409", description = "The job has not failed, or another job holds the VM")
    @APIResponse(responseCode = "404", description = "No such job")
    public Response resume(@PathParam("id") String id, @Context UriInfo uri) {
        try {
            return jobs.resume(id).map(job -> view(job, uri)).orElseGet(() -> notFound(id));
        } catch (IllegalStateException e) {
            return ProblemDetails.of(Response.Status.CONFLICT, "job-not-failed", "Job cannot be resumed",
                    e.getMessage()).response().build();
        }
    }

    private Response view(Job job, UriInfo uri) {
        if (job.state().ended()) {
            return Response.ok(JobView.of(job)).type(MediaType.APPLICATION_JSON).build();
        }
        return Response.accepted(JobView.of(job)).type(MediaType.APPLICATION_JSON)
                .location(JobLinks.job(uri, job.id()))
                .header("Retry-After", config.pollInterval().toSeconds())
                .build();
    }

    private static Response notFound(String id) {
        return ProblemDetails.of(Response.Status.NOT_FOUND, "job-not-found", "Job not found",
                "There is no job with id '" + id + "'").response().build();
    }
}
