package io.reprotect.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A job (a reprotect, a replication cycle, ...): the source of truth for its progress, stored as one JSON document.
 *
 * <p>Immutable; each change returns a new copy, saved with the ETag it was read with.
 *
 * @param id job id (a UUID)
 * @param workflow the workflow the job runs (pipeline {@code Workflows}); null in records
 *        written before workflows existed, which were all reprotects
 * @param vmId the VM the job works on (the failed-over VM; one unfinished job per VM)
 * @param request the validated request the job was submitted with, as JSON (its workflow reads it); null for
 *        workflows that start from a protected item
 * @param state job state
 * @param tasks one task per stage, in order
 * @param cancelRequested a caller asked to cancel; the job stops after the slice in flight
 * @param pending the stage message the job waits for, or null once the job has ended
 * @param sequence the last message sequence number handed out; never reused, so message ids stay unique
 * @param outputs what stages found or created, by name (resource ids, seeds, recovery points)
 * @param createdAt when the job was accepted
 * @param updatedAt when the record last changed
 * @param traceParent the W3C {@code traceparent} of the span that accepted the job: every stage of the job joins
 *        its trace (null when telemetry was off, and in records written before it)
 * @param requestedBy who asked for the job (null for a job the engine started itself, such as a replication
 *        cycle, and in records written before it was recorded)
 */
public record Job(String id, String workflow, String vmId, JsonNode request, JobState state, List<Task> tasks,
        boolean cancelRequested, PendingMessage pending, long sequence, Map<String, JsonNode> outputs, Instant createdAt,
        Instant updatedAt, String traceParent, RequestedBy requestedBy) {

    public Job {
        tasks = List.copyOf(tasks);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    /** A job outside any trace. */
    public Job(String id, String workflow, String vmId, JsonNode request, JobState state, List<Task> tasks,
            boolean cancelRequested, PendingMessage pending, long sequence, Map<String, JsonNode> outputs,
            Instant createdAt, Instant updatedAt) {
        this(id, workflow, vmId, request, state, tasks, cancelRequested, pending, sequence, outputs, createdAt,
                updatedAt, null, null);
    }

    /** A job that records no requester. */
    public Job(String id, String workflow, String vmId, JsonNode request, JobState state, List<Task> tasks,
            boolean cancelRequested, PendingMessage pending, long sequence, Map<String, JsonNode> outputs,
            Instant createdAt, Instant updatedAt, String traceParent) {
        this(id, workflow, vmId, request, state, tasks, cancelRequested, pending, sequence, outputs, createdAt,
                updatedAt, traceParent, null);
    }

    /** The job records who asked for it. */
    public Job withRequestedBy(RequestedBy value) {
        return new Job(id, workflow, vmId, request, state, tasks, cancelRequested, pending, sequence, outputs, createdAt,
                updatedAt, traceParent, value);
    }

    /** The job joins the trace of {@code value} (a W3C traceparent). */
    public Job withTraceParent(String value) {
        return new Job(id, workflow, vmId, request, state, tasks, cancelRequested, pending, sequence, outputs, createdAt,
                updatedAt, value, requestedBy);
    }

    public Optional<Task> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Job withTask(String name, UnaryOperator<Task> change) {
        List<Task> changed = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            changed.add(task.name().equals(name) ? change.apply(task) : task);
        }
        return new Job(id, workflow, vmId, request, state, changed, cancelRequested, pending, sequence, outputs, createdAt,
                updatedAt, traceParent, requestedBy);
    }

    public Job withState(JobState value) {
        return new Job(id, workflow, vmId, request, value, tasks, cancelRequested, pending, sequence, outputs, createdAt,
                updatedAt, traceParent, requestedBy);
    }

    /** The job now waits for a message for {@code stage}, with a fresh sequence number. */
    public Job withPending(String stage, Instant notBefore) {
        PendingMessage next = new PendingMessage(stage, sequence + 1, notBefore);
        return new Job(id, workflow, vmId, request, state, tasks, cancelRequested, next, sequence + 1, outputs, createdAt,
                updatedAt, traceParent, requestedBy);
    }

    /** The job waits for no message: it has ended. */
    public Job withoutPending() {
        return new Job(id, workflow, vmId, request, state, tasks, cancelRequested, null, sequence, outputs, createdAt,
                updatedAt, traceParent, requestedBy);
    }

    public Job withCancelRequested(boolean value) {
        return new Job(id, workflow, vmId, request, state, tasks, value, pending, sequence, outputs, createdAt,
                updatedAt, traceParent, requestedBy);
    }

    public Job withOutputs(Map<String, JsonNode> added) {
        Map<String, JsonNode> all = new HashMap<>(outputs);
        all.putAll(added);
        return new Job(id, workflow, vmId, request, state, tasks, cancelRequested, pending, sequence, all, createdAt,
                updatedAt, traceParent, requestedBy);
    }

    public Job touched(Instant now) {
        return new Job(id, workflow, vmId, request, state, tasks, cancelRequested, pending, sequence, outputs, createdAt,
                now, traceParent, requestedBy);
    }
}
