package io.reprotect.job;

import java.util.List;
import java.util.Optional;

/**
 * Where job records live. Every write is conditional: a create never overwrites, an update only
 * applies to the version it was read from, and at most one unfinished job exists per VM.
 */
public interface JobStore {

    /**
     * Stores a new job and claims its VM for it.
     *
     * @throws JobAlreadyExistsException a job with this id exists (a duplicate submission)
     * @throws VmBusyException the VM has another job that has not ended
     */
    Versioned<Job> create(Job job);

    /**
     * Stores a new job that takes the VM over from {@code predecessorJobId}, which must hold it
     * (or the VM must be free). The predecessor keeps running until it ends; a replication cycle
     * uses this to hand the VM to the next cycle it schedules.
     *
     * @throws JobAlreadyExistsException a job with this id exists
     * @throws VmBusyException another job than the predecessor holds the VM
     */
    Versioned<Job> createSuccessor(Job job, String predecessorJobId);

    Optional<Versioned<Job>> get(String jobId);

    /**
     * Stores the record of a job that ran in-process and has ended (a fleet replication cycle): in the history like
     * every job, without claiming its VM (it never held it). This default claims and frees the VM; stores override
     * it to write the record alone.
     *
     * @throws JobAlreadyExistsException a job with this id exists
     */
    default Versioned<Job> createEnded(Job job) {
        if (!job.state().ended()) {
            throw new IllegalArgumentException("job " + job.id() + " has not ended: " + job.state());
        }
        Versioned<Job> created = create(job);
        releaseVm(job);
        return created;
    }

    /**
     * Replaces the job if it still has {@code etag}.
     *
     * @throws ConcurrentUpdateException someone else changed the job since it was read
     */
    Versioned<Job> update(Job job, String etag);

    /**
     * Claims the job's VM again for a job that is being resumed.
     *
     * @throws VmBusyException another unfinished job holds the VM
     */
    void reclaimVm(Job job);

    /**
     * Ids of the jobs that hold a VM claim: the only jobs that may still wait for a stage message.
     * Reads the claims only (one listing), never every job, so it is cheap when nothing runs. A job
     * that has ended may still be listed until its claim is released.
     */
    List<String> claimingJobIds();

    /**
     * Frees the job's VM if the job still holds it (once the job has ended). Does nothing when
     * another job holds the VM or nobody does; safe to repeat.
     */
    void releaseVm(Job job);

    /**
     * The job that holds the VM now, if any: the job of its claim, when that job has not ended. Reads only;
     * {@link #create} would refuse a new job of the VM with {@link VmBusyException} naming this job.
     */
    Optional<String> vmHolder(String vmId);
}
