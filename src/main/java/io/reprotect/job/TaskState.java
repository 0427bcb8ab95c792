package io.reprotect.job;

/** State of one task (one stage) of a job. */
public enum TaskState {
    NotStarted, InProgress, Succeeded, Skipped, Failed, Cancelled;

    public boolean done() {
        return this == Succeeded || this == Skipped;
    }
}
