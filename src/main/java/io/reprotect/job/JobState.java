package io.reprotect.job;

/** Job states, named as Azure Site Recovery names them. */
public enum JobState {
    NotStarted, InProgress, Succeeded, Failed, Cancelled;

    public boolean ended() {
        return this == Succeeded || this == Failed || this == Cancelled;
    }
}
