package io.reprotect.failover;

import io.reprotect.cloud.VmShape;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.protection.Outputs;
import java.util.List;
import java.util.Map;

/**
 * What a failover or test failover job creates, fixed when the job is submitted (job input
 * {@link #INPUT}): the stages read only this and what earlier stages of the same job recorded.
 *
 * @param itemId      the protected item
 * @param drill       true for a test failover (names apart, isolated network, replication untouched)
 * @param type        {@code Planned} or {@code Unplanned}; null for a drill
 * @param sourceVmId  the VM in the secondary region (deallocated by a planned failover, restarted by its cancel)
 * @param point       the recovery point to create from; a planned failover creates from the point its
 *                    final sync takes instead
 * @param region      the primary region
 * @param resourceGroup where the VM, its disks and new NICs are created
 * @param vmName      the VM's name: the captured name, or {@code <name>-test} for a drill
 * @param account     the storage account of the replicas (Import reads from it; temporary blobs go there)
 * @param disks       one per replica, OS disk first
 * @param shape       the captured shape of the VM to rebuild
 * @param nics        in the VM's NIC order, the first primary
 * @param tags        tags for everything created (they name the job, so cleanup finds exactly its own)
 */
public record FailoverPlan(String itemId, boolean drill, String type, String sourceVmId, Point point, String region,
                           String resourceGroup, String vmName, Outputs.AccountRef account, List<DiskPlan> disks,
                           VmShape shape, List<NicPlan> nics, Map<String, String> tags) {

    /** Job input key: the plan, under the name retention reads as JSON ({@link Outputs#FAILOVER_PLAN}). */
    public static final OutputKey<FailoverPlan> INPUT = Outputs.FAILOVER_PLAN.as(FailoverPlan.class);
    public static final String PLANNED = "Planned";
    public static final String UNPLANNED = "Unplanned";

    public FailoverPlan {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean planned() {
        return PLANNED.equals(type);
    }

    /** A recovery point: its id, time, and one replica snapshot URL per disk (no SAS), in disk order. */
    public record Point(String id, String time, List<String> snapshotUrls) {
        public Point {
            snapshotUrls = List.copyOf(snapshotUrls);
        }
    }

    /**
     * A managed disk to import from a replica's snapshot.
     *
     * @param lun          -1 for the OS disk
     * @param replica      the replica blob (container and name in {@code account})
     * @param diskName     name of the managed disk to create
     * @param sizeBytes    the disk's size as the VM sees it (the VHD's virtual size); 0: the size the
     *                     recovery point's snapshot holds
     */
    public record DiskPlan(int lun, Outputs.Replica replica, String diskName, long sizeBytes, String sku,
                           String osType, String hyperVGeneration, String diskEncryptionSetId) {
    }

    /**
     * A NIC for the VM: the original one when it still exists and is free ({@code reuseNicId}), else a new
     * one named {@code name} in {@code subnetId}, keeping {@code privateIp} when it is free there, and the
     * original's public IP ({@code publicIpId}, null for none or for a drill) when it exists and is free.
     */
    public record NicPlan(String reuseNicId, String name, String subnetId, String privateIp,
                          String networkSecurityGroupId, boolean acceleratedNetworking, String publicIpId) {
    }
}
