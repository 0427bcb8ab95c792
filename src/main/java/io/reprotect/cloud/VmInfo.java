package io.reprotect.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reprotect needs to know about a VM.
 *
 * @param id                ARM id of the VM
 * @param availabilitySetId ARM id of its availability set, or null when it has none
 * @param tags              the VM's tags (never null)
 */
public record VmInfo(String id, String name, String resourceGroup, String region, PowerState powerState,
                     String osDiskId, List<String> dataDiskIds, String availabilitySetId, Map<String, String> tags) {

    public VmInfo {
        dataDiskIds = List.copyOf(dataDiskIds);
        tags = Map.copyOf(tags);
    }

    public Optional<String> availabilitySet() {
        return Optional.ofNullable(availabilitySetId);
    }

    /** OS disk first, then data disks in LUN order. */
    public List<String> allDiskIds() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(osDiskId), dataDiskIds.stream()).toList();
    }
}
