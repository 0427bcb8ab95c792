package io.reprotect.failover;

/** Names of what failover stages record in a job's outputs; cleanup and cancel delete exactly these. */
public final class FailoverOutputs {

    /** List of managed disk ids the job created, OS disk first. */
    public static final String DISKS = "failoverDisks";
    /** List of NIC ids the VM uses, in order. */
    public static final String NICS = "failoverNics";
    /** List of NIC ids the job created (a subset of {@link #NICS}: reused original NICs are not in it). */
    public static final String CREATED_NICS = "failoverCreatedNics";
    /** Id of the VM the job created. */
    public static final String VM = "failoverVm";
    /** Tag naming the job that created a resource. */
    public static final String TAG_JOB = "reprotect-failover-job";
    /**
     * Tag that replaces {@link #TAG_JOB} on the failed-over VM when its failover is committed, naming the commit
     * job: no cancel or cleanup of the failover job can match the committed VM any more.
     */
    public static final String TAG_COMMITTED = "reprotect-committed-by";
    /** Tag marking a resource created by a test failover. */
    public static final String TAG_DRILL = "reprotect-test-failover";

    private FailoverOutputs() {
    }
}
