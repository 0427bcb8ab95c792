package io.reprotect.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.RequestedBy;
import io.reprotect.job.Task;
import io.reprotect.job.TaskProgress;
import io.reprotect.job.TaskState;
import io.reprotect.pipeline.Workflows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as callers see it: state, one task per stage, progress. Internal checkpoints are not shown.
 */
@Schema(name = "Job")
public record JobView(String id, String workflow, String vmId, JobState state, boolean cancelRequested,
        Progress progress, List<TaskView> tasks,
        @Schema(implementation = JobOutputsSchema.class) Map<String, JsonNode> outputs,
        Instant createdAt, Instant updatedAt,
        @Schema(description = "Who asked for the job; absent for jobs the engine started itself (replication cycles)")
        RequestedBy requestedBy) {

    /**
     * @param percent share of the job done, 0-100, each task weighted by its usual share of the job's
     *        time ({@link TaskWeights}); 100 only once the job has Succeeded
     * @param currentTask the task running or waiting to run, null once the job has ended
     */
    public record Progress(int percent, String currentTask) {
    }

    public record TaskView(String name, String friendlyName, TaskState state, Instant startTime, Instant endTime,
            int attempts, TaskProgress progress, List<JobError> errors) {
    }

    public static JobView of(Job job) {
        List<TaskView> tasks = job.tasks().stream().map(JobView::task).toList();
        return new JobView(job.id(), Workflows.byName(job.workflow()).name(), job.vmId(), job.state(), job.cancelRequested(), progress(job), tasks,
                job.outputs(), job.createdAt(), job.updatedAt(), job.requestedBy());
    }

    private static TaskView task(Task t) {
        return new TaskView(t.name(), t.friendlyName(), t.state(), t.startTime(), t.endTime(), t.attempts(),
                t.progress(), t.errors());
    }

    private static Progress progress(Job job) {
        if (job.state() == JobState.Succeeded) {
            return new Progress(100, null);
        }
        double done = 0;
        double all = 0;
        for (Task task : job.tasks()) {
            int weight = TaskWeights.of(task.name());
            all += weight;
            if (task.state().done()) {
                done += weight;
            } else if (task.progress() != null) {
                done += weight * task.progress().percent() / 100.0;
            }
        }
        String current = job.state().ended() || job.pending() == null ? null : job.pending().stage();
        int percent = all == 0 ? 0 : (int) Math.min(99, Math.floor(100 * done / all));
        return new Progress(percent, current);
    }
}
