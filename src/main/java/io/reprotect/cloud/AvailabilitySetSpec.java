package io.reprotect.cloud;

/**
 * An availability set to create when missing.
 *
 * @param subscriptionId where it is created (an ARM call goes to this subscription)
 * @param faultDomains  platformFaultDomainCount (2 or 3 depending on region)
 * @param updateDomains platformUpdateDomainCount (1-20)
 * @param managedDisks  true for sku Aligned (VMs with managed disks), false for Classic
 */
public record AvailabilitySetSpec(String subscriptionId, String resourceGroup, String name, String region, int faultDomains,
                                  int updateDomains, boolean managedDisks) {

    /** Azure's defaults for a set of VMs with managed disks: 2 fault domains, 5 update domains. */
    public static AvailabilitySetSpec managed(String subscriptionId, String resourceGroup, String name, String region) {
        return new AvailabilitySetSpec(subscriptionId, resourceGroup, name, region, 2, 5, true);
    }
}
