package io.reprotect.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of jobs, shaped as ARM shapes list results.
 *
 * @param value the jobs, newest first
 * @param nextLink the URL of the next page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobListView(List<JobView> value,
        @Schema(description = "GET this URL for the next page; absent on the last page. A page may hold fewer "
                + "jobs than $top (even none) and still have a nextLink: keep following it.") String nextLink) {
}
