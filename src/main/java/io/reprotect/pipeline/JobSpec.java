package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.request.ReprotectRequest;
import java.time.Instant;
import java.util.Map;

/**
 * A job to start.
 *
 * @param jobId a fresh id, or one derived from something the caller repeats (a message id, an item
 *        and cycle number) so that a repeated submission finds the job it created the first time
 * @param workflow what the job runs
 * @param vmId the VM it works on; one unfinished job per VM
 * @param request the reprotect request, or null for workflows that start from a protected item
 * @param inputs outputs the job starts with (typed records as JSON, e.g. which protected item)
 * @param notBefore when the first stage may run (scheduled delivery), or null for now
 */
public record JobSpec(String jobId, Workflow workflow, String vmId, ReprotectRequest request,
        Map<String, JsonNode> inputs, Instant notBefore) {

    /**
     * Input naming a job this one takes the VM over from while it still runs (a replication cycle asked to
     * stop): the runner holds the first stage until that job has ended.
     */
    public static final String AFTER_JOB = "afterJob";

    public JobSpec {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    /** The same job, taking the VM over from {@code jobId} once it has ended ({@link #AFTER_JOB}). */
    public JobSpec after(String jobId) {
        Map<String, JsonNode> all = new java.util.HashMap<>(inputs);
        all.put(AFTER_JOB, StageContext.json(jobId));
        return new JobSpec(this.jobId, workflow, vmId, request, all, notBefore);
    }

    public static JobSpec reprotect(String jobId, ReprotectRequest request) {
        return new JobSpec(jobId, Workflows.REPROTECT, request.vmId().id(), request, Map.of(), null);
    }
}
