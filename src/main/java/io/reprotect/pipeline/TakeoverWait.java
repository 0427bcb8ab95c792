package io.reprotect.pipeline;

/**
 * A holder a job may take a VM over from that is not a job ({@link JobSpec#AFTER_JOB} names it): the runner holds
 * the job's first stage while {@link #running} says the holder still works. The pipeline knows no workflow;
 * workflows provide these as beans (a replication fleet's turn on an item, for one).
 */
public interface TakeoverWait {

    /** True when {@code holder} is one of this kind's ids. */
    boolean owns(String holder);

    /** True while the holder still works on the VM; a holder that is gone or stale answers false. */
    boolean running(String holder);
}
