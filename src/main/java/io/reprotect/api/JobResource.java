package io.reprotect.api;

import io.reprotect.job.Job;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.PipelineConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** {@code /api/jobs/{id}}: poll, cancel and resume a job. */
@Path("/jobs/{id}")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
public class JobResource {

    private final JobService jobs;
    private final PipelineConfig config;

    public JobResource(JobService jobs, PipelineConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    @GET
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
    @Path("/cancel")
    @Operation(operationId = "CancelJob", summary = "Cancel a job: the stage in flight finishes its slice, then the job is Cancelled")
    @APIResponse(responseCode = "202", description = "Cancellation requested; poll Location")
    @APIResponse(responseCode = "200", description = "The job had already ended")
    @APIResponse(responseCode = "404", description = "No such job")
    public Response cancel(@PathParam("id") String id, @Context UriInfo uri) {
        return jobs.cancel(id).map(job -> view(job, uri)).orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/resume")
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
