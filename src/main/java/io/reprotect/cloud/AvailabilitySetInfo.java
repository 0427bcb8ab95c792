package io.reprotect.cloud;

import java.util.List;

/** An availability set and the VMs in it. */
public record AvailabilitySetInfo(String id, String name, String resourceGroup, String region, int faultDomains,
                                  int updateDomains, String sku, List<String> vmIds) {

    public AvailabilitySetInfo {
        vmIds = List.copyOf(vmIds);
    }
}
