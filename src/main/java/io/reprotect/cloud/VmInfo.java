package io.reprotect.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reprotect needs to know about a VM.
 *
 * @param id                ARM id of the VM
 * @param availabilitySetId ARM id of its availability set, or null when it has none
 * @param dataDiskIds       data disks in LUN order
 * @param tags              the VM's tags (never null)
 * @param dataDiskLuns      the LUN of each data disk, in the order of {@code dataDiskIds}
 * @param uniqueId          Compute's {@code properties.vmId}: a GUID given at creation, so a VM deleted and
 *                          created again under the same name has another one; null when unknown
 * @param timeCreated       Compute's {@code properties.timeCreated}, or null when unknown
 */
public record VmInfo(String id, String name, String resourceGroup, String region, PowerState powerState,
                     String osDiskId, List<String> dataDiskIds, String availabilitySetId, Map<String, String> tags,
                     List<Integer> dataDiskLuns, String uniqueId, java.time.Instant timeCreated) {

    public VmInfo {
        dataDiskIds = List.copyOf(dataDiskIds);
        tags = Map.copyOf(tags);
        dataDiskLuns = dataDiskLuns == null ? java.util.stream.IntStream.range(0, dataDiskIds.size()).boxed().toList()
                : List.copyOf(dataDiskLuns);
        if (dataDiskLuns.size() != dataDiskIds.size()) {
            throw new IllegalArgumentException("one LUN per data disk: " + dataDiskLuns + " for " + dataDiskIds);
        }
    }

    /** A VM whose unique id and creation time are unknown. */
    public VmInfo(String id, String name, String resourceGroup, String region, PowerState powerState,
                  String osDiskId, List<String> dataDiskIds, String availabilitySetId, Map<String, String> tags,
                  List<Integer> dataDiskLuns) {
        this(id, name, resourceGroup, region, powerState, osDiskId, dataDiskIds, availabilitySetId, tags, dataDiskLuns,
                null, null);
    }

    /** A VM whose data disks sit at LUNs 0, 1, 2... in list order. */
    public VmInfo(String id, String name, String resourceGroup, String region, PowerState powerState,
                  String osDiskId, List<String> dataDiskIds, String availabilitySetId, Map<String, String> tags) {
        this(id, name, resourceGroup, region, powerState, osDiskId, dataDiskIds, availabilitySetId, tags, null, null,
                null);
    }

    public Optional<String> availabilitySet() {
        return Optional.ofNullable(availabilitySetId);
    }

    /** OS disk first, then data disks in LUN order. */
    public List<String> allDiskIds() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(osDiskId), dataDiskIds.stream()).toList();
    }
}
