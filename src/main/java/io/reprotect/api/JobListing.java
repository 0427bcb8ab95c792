package io.reprotect.api;

import io.reprotect.job.JobHistory;
import io.reprotect.job.JobHistoryPage;
import io.reprotect.job.JobQuery;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.Workflow;
import io.reprotect.pipeline.Workflows;
import io.reprotect.request.FieldError;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
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

/** {@code GET /api/jobs} (served by {@link JobResource}): the job history, newest first, filtered and paged the way ARM lists resources. */
@ApplicationScoped
public class JobListing {

    /** Jobs per page when {@code $top} is not given. */
    static final int DEFAULT_PAGE_SIZE = 50;
    /** Largest {@code $top} accepted. */
    static final int MAX_PAGE_SIZE = 200;
    static final String TOP = "$top";
    static final String SKIP_TOKEN = "$skipToken";

    private final JobHistory history;

    public JobListing(JobHistory history) {
        this.history = history;
    }

    /** Longest {@code requestedBy} filter value accepted (a principal name or id). */
    static final int MAX_REQUESTED_BY_CHARS = 256;

    Response list(String vmId, String operation, String state, String createdAfter, String createdBefore,
            String requestedBy, String top, String skipToken, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        Integer pageSize = parse(errors, TOP, top, JobListing::pageSize);
        JobQuery query = new JobQuery(
                parse(errors, "vmId", vmId, v -> ResourceId.parse(v, ResourceId.VIRTUAL_MACHINE).id()),
                parse(errors, "operation", operation, JobListing::operation),
                parse(errors, "state", state, JobListing::state),
                parse(errors, "createdAfter", createdAfter, JobListing::instant),
                parse(errors, "createdBefore", createdBefore, JobListing::instant),
                pageSize == null ? DEFAULT_PAGE_SIZE : pageSize,
                parse(errors, SKIP_TOKEN, skipToken, HistoryToken::decode),
                parse(errors, "requestedBy", requestedBy, JobListing::requester));
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
        java.util.List<String> all = Workflows.ALL.stream()
                .map(Workflow::name).toList();
        return all.stream().filter(o -> o.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + all));
    }

    private static String requester(String value) {
        if (value.isEmpty() || value.length() > MAX_REQUESTED_BY_CHARS) {
            throw new IllegalArgumentException("must be a principal id or name of 1-" + MAX_REQUESTED_BY_CHARS
                    + " characters");
        }
        return value;
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
