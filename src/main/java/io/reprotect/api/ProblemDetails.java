package io.reprotect.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reprotect.request.FieldError;
import io.reprotect.request.ProblemTypes;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title short summary of the kind of problem
 * @param status HTTP status
 * @param detail what happened in this case
 * @param errors every invalid field, for a validation problem
 * @param activeJobId the job that holds the VM, for a conflict
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(String type, String title, int status, String detail, List<FieldError> errors,
        String activeJobId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPES = ProblemTypes.BASE;

    public static ProblemDetails of(Response.StatusType status, String kind, String title, String detail) {
        return new ProblemDetails(TYPES + kind, title, status.getStatusCode(), detail, null, null);
    }

    public ProblemDetails withErrors(List<FieldError> fieldErrors) {
        return new ProblemDetails(type, title, status, detail, fieldErrors, activeJobId);
    }

    public ProblemDetails withActiveJob(String jobId) {
        return new ProblemDetails(type, title, status, detail, errors, jobId);
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
