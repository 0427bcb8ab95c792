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

    /** A value an earlier stage (or the job's start) recorded in the job's outputs, or empty when absent. */
    public <T> Optional<T> get(OutputKey<T> key) {
        return key.read(job.outputs());
    }

    /**
     * A value this stage cannot run without: an earlier stage of the workflow (or the job's start) records it.
     *
     * @throws IllegalStateException naming the job, the stage and the key when the job has not recorded it
     */
    public <T> T require(OutputKey<T> key) {
        return get(key).orElseThrow(() -> new IllegalStateException("job " + job.id() + " (" + job.workflow()
                + ") has no output '" + key.name() + "' that stage " + task.name() + " needs: an earlier stage or the "
                + "job's start records it, so the job record is incomplete; inspect it with GET /api/jobs/"
                + job.id()));
    }

    /** A checkpoint as JSON, for {@link Outcome#continueLater}. */
    public static JsonNode json(Object value) {
        return JobJson.MAPPER.valueToTree(value);
    }
}
