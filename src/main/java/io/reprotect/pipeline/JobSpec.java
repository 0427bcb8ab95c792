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

    public JobSpec {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }

    public static JobSpec reprotect(String jobId, ReprotectRequest request) {
        return new JobSpec(jobId, Workflows.REPROTECT, request.vmId().id(), request, Map.of(), null);
    }
}
