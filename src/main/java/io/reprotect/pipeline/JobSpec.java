package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A job to start.
 *
 * @param jobId a fresh id, or one derived from something the caller repeats (a message id, an item
 *        and cycle number) so that a repeated submission finds the job it created the first time
 * @param workflow what the job runs
 * @param vmId the VM it works on; one unfinished job per VM
 * @param request the validated request as JSON (its workflow reads it), or null for workflows that start from a
 *        protected item
 * @param inputs outputs the job starts with (typed records as JSON, e.g. which protected item)
 * @param notBefore when the first stage may run (scheduled delivery), or null for now
 */
public record JobSpec(String jobId, Workflow workflow, String vmId, JsonNode request,
        Map<String, JsonNode> inputs, Instant notBefore) {

    /**
     * Input naming a job this one takes the VM over from while it still runs (a replication cycle asked to
     * stop): the runner holds the first stage until that job has ended.
     */
    public static final OutputKey<String> AFTER_JOB = OutputKey.named("afterJob", String.class);

    public JobSpec {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    /** The same job, taking the VM over from {@code jobId} once it has ended ({@link #AFTER_JOB}). */
    public JobSpec after(String jobId) {
        Map<String, JsonNode> all = new HashMap<>(inputs);
        all.putAll(Output.map(AFTER_JOB.of(jobId)));
        return new JobSpec(this.jobId, workflow, vmId, request, all, notBefore);
    }
}
