package io.reprotect.failover;

import io.reprotect.pipeline.OutputKey;
import java.util.List;

/** Keys of what failover stages record in a job's outputs; cleanup and cancel delete exactly these. */
public final class FailoverOutputs {

    /** List of managed disk ids the job created, OS disk first. */
    public static final OutputKey<List<String>> DISKS = OutputKey.listOf("failoverDisks", String.class);
    /**
     * The managed disks the job created so far ({@link CreatedDisk}), recorded as each is created, before the next
     * one is: cleanup and cancel find them even when the job failed part-way.
     */
    public static final OutputKey<List<CreatedDisk>> CREATED_DISKS =
            OutputKey.listOf("failoverCreatedDisks", CreatedDisk.class);
    /** List of NIC ids the VM uses, in order. */
    public static final OutputKey<List<String>> NICS = OutputKey.listOf("failoverNics", String.class);
    /** List of NIC ids the job created (a subset of {@link #NICS}: reused original NICs are not in it). */
    public static final OutputKey<List<String>> CREATED_NICS = OutputKey.listOf("failoverCreatedNics", String.class);
    /** What remove-failover-resources left alone because it could not prove the job created it ({@link LeftAlone}). */
    public static final OutputKey<List<LeftAlone>> LEFT_ALONE = OutputKey.listOf("leftAlone", LeftAlone.class);
    /**
     * The new NICs that did not get the original NIC's public IP, and why ({@link PublicIpNotAttached}); empty
     * when every one did (or none had one).
     */
    public static final OutputKey<List<PublicIpNotAttached>> PUBLIC_IPS_NOT_ATTACHED =
            OutputKey.listOf("publicIpsNotAttached", PublicIpNotAttached.class);
    /** Id of the VM the job created. */
    public static final OutputKey<String> VM = OutputKey.named("failoverVm", String.class);
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

    /** A managed disk a job created, with Azure's {@code uniqueId} for it (a disk made again under its name has another). */
    public record CreatedDisk(String id, String uniqueId) {
    }

    /** A new NIC created without the public IP its original had, and why. */
    public record PublicIpNotAttached(String nicId, String publicIpId, String reason) {
    }

    /** A resource a removal did not delete, and why. */
    public record LeftAlone(String id, String reason) {
    }
}
