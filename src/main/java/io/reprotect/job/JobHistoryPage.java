package io.reprotect.job;

import java.util.List;

/**
 * One page of the job history, newest first.
 *
 * @param jobs the jobs of this page
 * @param next where the next page starts; null when there is none
 */
public record JobHistoryPage(List<Job> jobs, JobQuery.Position next) {
}
