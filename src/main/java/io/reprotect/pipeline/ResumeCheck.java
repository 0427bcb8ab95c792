package io.reprotect.pipeline;

import io.reprotect.job.Job;

/**
 * Asked before a failed job is resumed ({@link JobService#resume}): a workflow whose jobs act on shared state
 * re-validates that state here and refuses (throws) a resume that would act on a state the job did not start
 * from. The pipeline knows no workflow; workflows provide these as beans.
 */
public interface ResumeCheck {

    /**
     * Allows the resume, recording what the workflow needs to (the job runs again), or throws a refusal that
     * names why; nothing is resumed then.
     */
    void beforeResume(Job job);
}
