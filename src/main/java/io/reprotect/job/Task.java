package io.reprotect.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a job as the caller sees it, plus the bookkeeping that makes the stage resumable.
 *
 * @param name stage name, e.g. {@code copy-seed}
 * @param friendlyName what the portal would show, e.g. {@code Copy disks as seed blobs}
 * @param state task state
 * @param startTime when the stage first ran
 * @param endTime when it ended
 * @param attempts times this stage began anew: the first run, each retry after a transient failure,
 *        each redelivery after a crash, each resume. The slices of long work and the polls of a long
 *        Azure operation continue one attempt and do not count.
 * @param retries retries after transient failures since the stage last made progress
 * @param errors errors recorded on this task, the last one is the one that counts
 * @param progress progress of long work, or null
 * @param checkpoint the stage's own resumable state (never a secret), or null
 * @param startedSequence the job message sequence that last started this stage (a redelivery of it
 *        is a new attempt), 0 before the first start
 */
public record Task(String name, String friendlyName, TaskState state, Instant startTime, Instant endTime,
        int attempts, int retries, List<JobError> errors, TaskProgress progress, JsonNode checkpoint, long startedSequence) {

    public Task {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Task notStarted(String name, String friendlyName) {
        return new Task(name, friendlyName, TaskState.NotStarted, null, null, 0, 0, List.of(), null, null, 0);
    }

    /**
     * The stage starts running for message {@code sequence}. It is a new attempt unless it continues
     * the same attempt: the task is in progress, its last run did not fail transiently, and the
     * message is not one that already started it (a redelivery).
     */
    public Task started(Instant now, long sequence) {
        boolean anew = state != TaskState.InProgress || retries > 0 || sequence == startedSequence;
        return new Task(name, friendlyName, TaskState.InProgress, startTime == null ? now : startTime, null,
                anew ? attempts + 1 : attempts, retries, errors, progress, checkpoint, sequence);
    }

    public Task ended(TaskState endState, Instant now) {
        return new Task(name, friendlyName, endState, startTime == null ? now : startTime, now, attempts, retries,
                errors, progress, checkpoint, startedSequence);
    }

    public Task withError(JobError error) {
        List<JobError> all = new ArrayList<>(errors);
        all.add(error);
        return new Task(name, friendlyName, state, startTime, endTime, attempts, retries, all, progress,
                checkpoint, startedSequence);
    }

    public Task withRetries(int count) {
        return new Task(name, friendlyName, state, startTime, endTime, attempts, count, errors, progress,
                checkpoint, startedSequence);
    }

    public Task withProgress(TaskProgress value) {
        return new Task(name, friendlyName, state, startTime, endTime, attempts, retries, errors, value,
                checkpoint, startedSequence);
    }

    public Task withCheckpoint(JsonNode value) {
        return new Task(name, friendlyName, state, startTime, endTime, attempts, retries, errors, progress, value,
                startedSequence);
    }

    /** Back to NotStarted for a resume, keeping the checkpoint so completed work is not redone. */
    public Task reset() {
        return new Task(name, friendlyName, TaskState.NotStarted, startTime, null, attempts, 0, errors, progress,
                checkpoint, startedSequence);
    }
}
