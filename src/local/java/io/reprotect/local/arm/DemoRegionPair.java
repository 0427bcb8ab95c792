package io.reprotect.local.arm;

import java.util.List;

/**
 * What {@link DemoSeed#seed} built: VM app01 failed over to the secondary region and running there
 * (the reprotect source), and the old primary VM app01 deallocated in the primary region (the
 * reprotect target, whose disks become the seeds).
 *
 * @param sourceVmId            app01 in the secondary region (the failed-over VM)
 * @param sourceDiskIds         its OS disk, then its data disk
 * @param targetVmId            app01 in the primary region (the old primary)
 * @param targetDiskIds         its OS disk, then its data disk
 * @param targetAvailabilitySetId the primary VM's availability set
 * @param targetNicId           the primary VM's NIC (static 10.1.0.10)
 * @param primaryVnetId         the production network in the primary region
 * @param testVnetId            an isolated network in the primary region, for test failovers
 */
public record DemoRegionPair(String subscriptionId, String primaryRegion, String secondaryRegion,
                             String primaryResourceGroup, String secondaryResourceGroup,
                             String sourceVmId, List<String> sourceDiskIds,
                             String targetVmId, List<String> targetDiskIds, String targetAvailabilitySetId,
                             String targetNicId, String primaryVnetId, String testVnetId) {
}
