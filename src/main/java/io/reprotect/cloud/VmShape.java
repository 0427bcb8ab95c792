package io.reprotect.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to create a VM again as it was: captured from the old primary VM before
 * reprotect deletes it, kept in the protected item, and used by failover to rebuild the VM in the
 * primary region. Ids are ARM ids as read; optional parts are null when the VM had none.
 *
 * @param zone                     availability zone ("1", "2", "3"), or null
 * @param availabilitySetId        or null
 * @param proximityPlacementGroupId or null
 * @param osType                   Windows or Linux
 * @param licenseType              e.g. Windows_Server, RHEL_BYOS, or null
 * @param osDisk                   the OS disk with its hyperVGeneration
 * @param dataDisks                by LUN, ascending
 * @param nics                     in the VM's order; the primary one flagged
 * @param extensions               settings without protected settings (ARM never returns those)
 */
public record VmShape(String vmId, String name, String resourceGroup, String region, String vmSize, String zone,
                      String availabilitySetId, String proximityPlacementGroupId, Map<String, String> tags,
                      String osType, String licenseType, Security security, Plan plan, Identity identity,
                      BootDiagnostics bootDiagnostics, Disk osDisk, List<Disk> dataDisks, List<Nic> nics,
                      List<Extension> extensions) {

    public VmShape {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        dataDisks = dataDisks == null ? List.of()
                : dataDisks.stream().sorted(Comparator.comparingInt(Disk::lun)).toList();
        nics = nics == null ? List.of() : List.copyOf(nics);
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    /** The same shape with {@code value} as its NICs. */
    public VmShape withNics(List<Nic> value) {
        return new VmShape(vmId, name, resourceGroup, region, vmSize, zone, availabilitySetId, proximityPlacementGroupId,
                tags, osType, licenseType, security, plan, identity, bootDiagnostics, osDisk, dataDisks, value, extensions);
    }

    /** The data disk at {@code lun}, if the VM had one there. */
    public Optional<Disk> dataDisk(int lun) {
        return dataDisks.stream().filter(d -> d.lun() == lun).findFirst();
    }

    /** Extensions whose protected settings must be supplied again before they can be recreated. */
    public List<String> extensionsNeedingProtectedSettings() {
        return extensions.stream().filter(Extension::protectedSettingsRequired).map(Extension::name).toList();
    }

    /**
     * A disk as attached to the VM, with what the managed disk itself says.
     *
     * @param lun                 -1 for the OS disk
     * @param caching             None, ReadOnly or ReadWrite
     * @param sku                 e.g. Premium_LRS
     * @param hyperVGeneration    V1 or V2 (OS disks), else null
     * @param diskEncryptionSetId customer-managed key set, or null (platform-managed keys)
     * @param deleteOption        what deleting the VM did to the disk: {@code Delete} or {@code Detach} (null:
     *                            not captured, Compute's default Detach)
     */
    public record Disk(int lun, String diskId, String name, String caching, boolean writeAccelerator, String sku,
                       int sizeGb, String hyperVGeneration, String diskEncryptionSetId, String deleteOption) {

        /** A disk whose delete option was not captured. */
        public Disk(int lun, String diskId, String name, String caching, boolean writeAccelerator, String sku,
                    int sizeGb, String hyperVGeneration, String diskEncryptionSetId) {
            this(lun, diskId, name, caching, writeAccelerator, sku, sizeGb, hyperVGeneration, diskEncryptionSetId, null);
        }
    }

    /**
     * A network interface and what it carries.
     *
     * @param privateIpAllocation Static or Dynamic
     * @param networkSecurityGroupId of the NIC (not of the subnet), or null
     * @param publicIpId           or null
     * @param attachedVmId         the VM that uses the NIC now, or null when it is free
     * @param deleteOption         what deleting the VM did to the NIC ({@code Delete} or {@code Detach}; null:
     *                             not captured, Compute's default Detach); the VM, not the NIC, says it
     */
    public record Nic(String id, String name, boolean primary, String subnetId, String privateIp,
                      String privateIpAllocation, String networkSecurityGroupId, String publicIpId,
                      boolean acceleratedNetworking, String attachedVmId, String deleteOption) {

        /** A NIC whose delete option was not captured. */
        public Nic(String id, String name, boolean primary, String subnetId, String privateIp,
                   String privateIpAllocation, String networkSecurityGroupId, String publicIpId,
                   boolean acceleratedNetworking, String attachedVmId) {
            this(id, name, primary, subnetId, privateIp, privateIpAllocation, networkSecurityGroupId, publicIpId,
                    acceleratedNetworking, attachedVmId, null);
        }

        /** The same NIC, as the VM's primary NIC or not (the VM, not the NIC, says which is primary). */
        public Nic withPrimary(boolean value) {
            return new Nic(id, name, value, subnetId, privateIp, privateIpAllocation, networkSecurityGroupId,
                    publicIpId, acceleratedNetworking, attachedVmId, deleteOption);
        }

        /** The same NIC with the VM's delete option for it. */
        public Nic withDeleteOption(String value) {
            return new Nic(id, name, primary, subnetId, privateIp, privateIpAllocation, networkSecurityGroupId,
                    publicIpId, acceleratedNetworking, attachedVmId, value);
        }
    }

    /**
     * A VM extension.
     *
     * @param settings                 public settings as ARM returned them, or null
     * @param protectedSettingsRequired true when the extension is known to, or may, take protected
     *                                 settings: ARM never returns them, so a person must supply them again
     */
    public record Extension(String name, String publisher, String type, String typeHandlerVersion,
                            boolean autoUpgradeMinorVersion, JsonNode settings, boolean protectedSettingsRequired) {
    }

    /** securityProfile: securityType (TrustedLaunch, ConfidentialVM or null), UEFI settings, host encryption. */
    public record Security(String securityType, Boolean secureBoot, Boolean vTpm, Boolean encryptionAtHost) {
    }

    /** A marketplace plan the VM was deployed from. */
    public record Plan(String name, String publisher, String product, String promotionCode) {
    }

    /** Managed identity: SystemAssigned, UserAssigned, both, or None, and the user-assigned identity ids. */
    public record Identity(String type, List<String> userAssignedIdentityIds) {
        public Identity {
            userAssignedIdentityIds = userAssignedIdentityIds == null ? List.of() : List.copyOf(userAssignedIdentityIds);
        }
    }

    /** Boot diagnostics: on or off, and the storage URI (null for managed boot diagnostics storage). */
    public record BootDiagnostics(boolean enabled, String storageUri) {
    }
}
