package io.reprotect.api;

import io.reprotect.job.JobHistory;
import io.reprotect.job.JobHistoryPage;
import io.reprotect.job.JobOperations;
import io.reprotect.job.JobQuery;
import io.reprotect.job.JobState;
import io.reprotect.request.FieldError;
import io.reprotect.request.ResourceId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/jobs}: the job history, newest first, filtered and paged the way ARM lists resources. */
@Path("/jobs")
@Produces({MediaType.APPLICATION_JSON, ProblemDetails.MEDIA_TYPE})
public class JobsResource {

    /** Jobs per page when {@code $top} is not given. */
    static final int DEFAULT_PAGE_SIZE = 50;
    /** Largest {@code $top} accepted. */
    static final int MAX_PAGE_SIZE = 200;
    static final String TOP = "$top";
    static final String SKIP_TOKEN = "$skipToken";

    private final JobHistory history;

    public JobsResource(JobHistory history) {
        this.history = history;
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
            @Parameter(description = "Jobs per page, 1-" + MAX_PAGE_SIZE + " (default " + DEFAULT_PAGE_SIZE + ")")
            @QueryParam(TOP) String top,
            @Parameter(description = "Continuation from a previous page's nextLink; opaque")
            @QueryParam(SKIP_TOKEN) String skipToken,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        Integer pageSize = parse(errors, TOP, top, JobsResource::pageSize);
        JobQuery query = new JobQuery(
                parse(errors, "vmId", vmId, v -> ResourceId.parse(v, ResourceId.VIRTUAL_MACHINE).id()),
                parse(errors, "operation", operation, JobsResource::operation),
                parse(errors, "state", state, JobsResource::state),
                parse(errors, "createdAfter", createdAfter, JobsResource::instant),
                parse(errors, "createdBefore", createdBefore, JobsResource::instant),
                pageSize == null ? DEFAULT_PAGE_SIZE : pageSize,
                parse(errors, SKIP_TOKEN, skipToken, HistoryToken::decode));
        if (query.createdAfter() != null && query.createdBefore() != null
                && !query.createdAfter().isBefore(query.createdBefore())) {
            errors.add(new FieldError("createdBefore", "must be later than createdAfter"));
        }
        if (!errors.isEmpty()) {
            return ProblemDetails.of(Response.Status.BAD_REQUEST, "invalid-query", "Invalid query parameters",
                    errors.size() + " parameter(s) are invalid; see errors").withErrors(errors).response().build();
        }
        JobHistoryPage page = history.list(query);
        String nextLink = page.next() == null ? null
                : uri.getRequestUriBuilder().replaceQueryParam(SKIP_TOKEN, HistoryToken.encode(page.next()))
                        .build().toString();
        return Response.ok(new JobListView(page.jobs().stream().map(JobView::of).toList(), nextLink))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private static <T> T parse(List<FieldError> errors, String name, String value, Function<String, T> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new FieldError(name, e.getMessage()));
            return null;
        }
    }

    private static String operation(String value) {
        return JobOperations.ALL.stream().filter(o -> o.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + JobOperations.ALL));
    }

    private static JobState state(String value) {
        return Arrays.stream(JobState.values()).filter(s -> s.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.toString(JobState.values())));
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 date and time with an offset, like "
                    + "2026-11-20T08:00:00Z; was '" + value + "'");
        }
    }

    private static int pageSize(String value) {
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a whole number from 1 to " + MAX_PAGE_SIZE + "; was '" + value + "'");
    }
}
