package io.reprotect.pipeline;

import io.reprotect.job.Job;
import java.time.Instant;

/**
 * A job run in-process, held in memory instead of the job store: the same state machine as the {@link StageRunner}
 * ({@link JobTransitions}), without a message or a write per stage. The replication fleet runs each item's cycle
 * this way, many items per queue message, and stores the job once when the cycle ends.
 */
public final class InProcessRun {

    private final JobTransitions transitions;

    public InProcessRun(PipelineConfig config) {
        this.transitions = new JobTransitions(config);
    }

    /** The job as {@link JobService#submit} would create it, waiting for its first stage; nothing is stored. */
    public static Job newJob(JobSpec spec, Instant now) {
        return JobService.newJob(spec, now);
    }

    /** The pending stage starts (a new attempt unless it continues one, as for a delivered message). */
    public Job start(Job job, Instant now) {
        return transitions.start(job, job.pending().stage(), now);
    }

    /** What the pending stage decided, applied as the runner applies it (next stage, later, retry, failure). */
    public Job apply(Job job, Outcome outcome, Instant now) {
        return transitions.apply(job, job.pending().stage(), outcome, now);
    }

    /** Ends the job as Cancelled (its lifecycle moved on). */
    public Job cancel(Job job, Instant now) {
        return transitions.cancel(job, now);
    }
}
