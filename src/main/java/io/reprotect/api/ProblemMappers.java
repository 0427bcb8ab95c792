package io.reprotect.api;

import io.reprotect.job.JobIdReusedException;
import io.reprotect.job.VmBusyException;
import io.reprotect.pipeline.QueueUnavailableException;
import io.reprotect.protection.AlreadyProtectedException;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.security.ApprovalRefusedException;
import io.reprotect.softdelete.DeletedItemRefusedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** Turns every error the API can answer with into {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** 422, which {@link Response.Status} does not name. */
    static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    /** A request with invalid fields; the title names the operation the caller asked for (reprotect, failover ...). */
    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, SimpleResourceInfo resource) {
        return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-request",
                "Invalid " + operation(resource) + " request",
                e.errors().size() + " field(s) are invalid; see errors").withErrors(e.errors()).response().build();
    }

    /**
     * The operation a resource method stands for: the last literal segment of its path ({@code /{id}/failover} and
     * {@code /{id}/failover/whatIf} are "failover"; the reprotect resource is "reprotect").
     */
    static String operation(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return "API";
        }
        Path path = null;
        for (Method method : resource.getResourceClass().getMethods()) {
            if (method.getName().equals(resource.getMethodName()) && method.isAnnotationPresent(Path.class)) {
                path = method.getAnnotation(Path.class);
            }
        }
        if (path == null) {
            path = resource.getResourceClass().getAnnotation(Path.class);
        }
        String operation = "API";
        for (String segment : (path == null ? "" : path.value()).split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{") && !segment.equals("whatIf")) {
                operation = segment;
            }
        }
        return operation;
    }

    @ServerExceptionMapper
    public Response busy(VmBusyException e, @Context UriInfo uri) {
        return ProblemDetails.of(Response.Status.CONFLICT, "vm-busy", "The VM already has a job in progress",
                e.getMessage() + "; poll it at the Location header, or cancel it first")
                .withActiveJob(e.activeJobId()).response()
                .location(JobLinks.job(uri, e.activeJobId())).build();
    }

    /** A refused undelete, purge or retention change: nothing was changed. */
    @ServerExceptionMapper
    public Response deletedItemRefused(DeletedItemRefusedException e) {
        Response.Status status = e.reason() == DeletedItemRefusedException.Reason.INVALID_RETENTION
                ? Response.Status.BAD_REQUEST : Response.Status.CONFLICT;
        return ProblemDetails.of(status, e.reason().kind(), e.reason().title(), e.getMessage()).response().build();
    }

    @ServerExceptionMapper
    public Response approvalRefused(ApprovalRefusedException e) {
        return ProblemDetails.of(Response.Status.fromStatusCode(e.status()), e.kind(), e.title(), e.getMessage())
                .response().build();
    }

    @ServerExceptionMapper
    public Response reused(JobIdReusedException e) {
        return ProblemDetails.of(UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "Idempotency-Key already used for a different request",
                "This Idempotency-Key was first sent with a different body (job " + e.jobId()
                        + "); a key stands for one request: send a new key with a new request")
                .response().build();
    }

    /** Refusals by the framework itself (no such path, method, media type), told in the caller's terms. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, Request request, UriInfo uri) {
        return HttpRefusals.of(e.getResponse().getStatus(), request.getMethod(), uri.getPath()).response().build();
    }

    @ServerExceptionMapper
    public Response notAllowed(OperationNotAllowedException e, @Context UriInfo uri) {
        // Location: the job in progress (wait for it), else the item (its allowedOperations)
        return ProblemDetails.of(Response.Status.CONFLICT, "operation-not-allowed", "Operation not allowed in this state",
                e.getMessage()).withActiveJob(e.activeJobId()).response()
                .location(e.activeJobId() != null ? JobLinks.job(uri, e.activeJobId()) : JobLinks.item(uri, e.itemId()))
                .build();
    }

    @ServerExceptionMapper
    public Response noItem(ItemLifecycle.ItemNotFoundException e) {
        return ProblemDetails.of(Response.Status.NOT_FOUND, "not-found", "Protected item not found", e.getMessage())
                .response().build();
    }

    @ServerExceptionMapper
    public Response alreadyProtected(AlreadyProtectedException e, @Context UriInfo uri) {
        return ProblemDetails.of(Response.Status.CONFLICT, "already-protected", "The VM is already protected",
                e.getMessage() + "; see it at the Location header, or disable protection first").response()
                .location(uri.getBaseUriBuilder().path("protected-items").path(e.itemId()).build()).build();
    }

    @ServerExceptionMapper
    public Response queueUnavailable(QueueUnavailableException e, @Context UriInfo uri) {
        LOG.warn(e.getMessage());
        return ProblemDetails.of(Response.Status.SERVICE_UNAVAILABLE, "queue-unavailable", "Job could not be queued",
                "The job was recorded but not queued, and is Failed; retry with the same Idempotency-Key, or resume it")
                .withActiveJob(e.jobId()).response().location(JobLinks.job(uri, e.jobId()))
                .header("Retry-After", 30).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, Request request) {
        LOG.error("request failed", e);
        return HttpRefusals.unavailable(request.getMethod()).response().header("Retry-After", 10).build();
    }
}
