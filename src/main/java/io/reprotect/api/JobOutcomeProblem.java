package io.reprotect.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskState;
import io.reprotect.request.ProblemTypes;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The RFC 9457 problem a job's operation result answers when the job did not succeed, so that a
 * poller (the Logic Apps HTTP action) fails instead of succeeding with a body to inspect.
 *
 * <p>Besides RFC 9457's members it carries {@code error: {code, message}} (RFC 9457 allows extension
 * members): the member Azure clients read from a failed long-running operation. An Azure SDK poller
 * (JavaScript's {@code @azure/core-lro}) following {@code Location} then reports
 * "The long-running operation has failed. {code}. {message}" instead of a bare failure.
 *
 * <p>Status codes: a Failed job is {@code 422} and a Cancelled one {@code 409}. Both are final
 * 4xx answers: Logic Apps marks the action Failed and its retry policy leaves them alone (it
 * retries 408, 429 and 5xx only), so a failed job never looks like a flaky endpoint.
 *
 * @param type a URI naming the kind of problem
 * @param title short summary
 * @param status HTTP status
 * @param detail which task ended the job and why
 * @param jobId the job
 * @param state Failed or Cancelled
 * @param failedTask the task that failed, if any
 * @param errors that task's errors, newest last
 * @param error the error that ended the job, in the shape of Azure's error response
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "JobOutcomeProblem", description = "A job that Failed (422) or was Cancelled (409), as problem+json")
public record JobOutcomeProblem(String type, String title, int status, String detail, String jobId, JobState state,
        String failedTask, List<JobError> errors, OperationError error) {

    /**
     * The {@code error} member of Azure's error response and of a failed long-running operation's status.
     *
     * @param code the failed task's error code ({@code JobCancelled} for a cancelled job)
     * @param message its message
     */
    @Schema(name = "OperationError", description = "The error that ended the job, as Azure clients read it")
    public record OperationError(String code, String message) {
    }

    private static final String TYPES = ProblemTypes.BASE;

    /** HTTP status of a Failed job's result: well-formed request, but the reprotect could not be done. */
    public static final int FAILED_STATUS = 422;
    /** HTTP status of a Cancelled job's result: the job's state conflicts with a result. */
    public static final int CANCELLED_STATUS = 409;

    static JobOutcomeProblem of(Job job) {
        if (job.state() == JobState.Cancelled) {
            return new JobOutcomeProblem(TYPES + "job-cancelled", "The job was cancelled", CANCELLED_STATUS,
                    "Job " + job.id() + " was cancelled before it finished; the VM is not reprotected",
                    job.id(), job.state(), null, null, new OperationError("JobCancelled",
                            "Job " + job.id() + " was cancelled before it finished"));
        }
        Task failed = job.tasks().stream().filter(t -> t.state() == TaskState.Failed).findFirst().orElse(null);
        List<JobError> errors = failed == null ? List.of() : failed.errors();
        JobError last = errors.isEmpty() ? null : errors.get(errors.size() - 1);
        String cause = last == null ? "no error was recorded" : last.message();
        String where = failed == null ? "" : " in task '" + failed.name() + "'";
        return new JobOutcomeProblem(TYPES + "job-failed", "The job failed", FAILED_STATUS,
                "Job " + job.id() + " failed" + where + ": " + cause
                        + ". Fix the cause, then POST /api/jobs/" + job.id() + "/resume",
                job.id(), job.state(), failed == null ? null : failed.name(), errors,
                last == null ? new OperationError("JobFailed", "Job " + job.id() + " failed" + where + ": " + cause)
                        : new OperationError(last.code(), last.message()));
    }

    Response response() {
        return Response.status(status).type(ProblemDetails.MEDIA_TYPE).entity(this).build();
    }
}
