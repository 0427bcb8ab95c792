package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.Task;
import io.reprotect.telemetry.JobMeters;
import java.time.Instant;
import java.util.Optional;

/**
 * What a stage sees of its job when it runs.
 *
 * @param job the job as loaded (read-only: stages change it only through their {@link Outcome})
 * @param task this stage's task, with its checkpoint from the last slice
 * @param startedAt when this invocation started; slices measure their time budget from it
 * @param meters where the stage records bytes moved and RPO (metrics; does nothing with telemetry off)
 */
public record StageContext(Job job, Task task, Instant startedAt, JobMeters meters) {

    public StageContext {
        meters = meters == null ? JobMeters.NONE : meters;
    }

    /** A context whose measurements go nowhere. */
    public StageContext(Job job, Task task, Instant startedAt) {
        this(job, task, startedAt, JobMeters.NONE);
    }

    /** This stage's checkpoint from its previous slice, if any. */
    public <T> Optional<T> checkpoint(Class<T> type) {
        return Optional.ofNullable(task.checkpoint()).map(node -> JobJson.MAPPER.convertValue(node, type));
    }

    /** A value an earlier stage recorded in the job's outputs. */
    public <T> Optional<T> output(String name, Class<T> type) {
        return Optional.ofNullable(job.outputs().get(name)).map(node -> JobJson.MAPPER.convertValue(node, type));
    }

    public static JsonNode json(Object value) {
        return JobJson.MAPPER.valueToTree(value);
    }
}
