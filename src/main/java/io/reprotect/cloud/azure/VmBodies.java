package io.reprotect.cloud.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.BootDiagnostics;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiagnosticsProfile;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.Plan;
import com.azure.resourcemanager.compute.models.ResourceIdentityType;
import com.azure.resourcemanager.compute.models.SecurityProfile;
import com.azure.resourcemanager.compute.models.SecurityTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.UefiSettings;
import com.azure.resourcemanager.compute.models.VirtualMachineIdentity;
import com.azure.resourcemanager.compute.models.VirtualMachineIdentityUserAssignedIdentities;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import io.reprotect.cloud.VmCreateSpec;
import io.reprotect.cloud.VmShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PUT body of a VM created over existing disks and NICs in the shape of a captured VM. A failover's VM
 * (not a drill's) gets the captured delete options of its disks and NICs, so deleting it does what deleting
 * the original did.
 */
final class VmBodies {

    private VmBodies() {
    }

    static VirtualMachineInner of(VmCreateSpec spec) {
        VmShape shape = spec.shape();
        VirtualMachineInner vm = new VirtualMachineInner().withLocation(spec.region()).withTags(spec.tags())
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(shape.vmSize())))
                .withLicenseType(shape.licenseType())
                .withStorageProfile(storage(spec))
                .withNetworkProfile(network(spec));
        if (spec.keepPlacement()) {
            if (shape.zone() != null) {
                vm.withZones(List.of(shape.zone()));
            }
            if (shape.availabilitySetId() != null) {
                vm.withAvailabilitySet(new SubResource().withId(shape.availabilitySetId()));
            }
            if (shape.proximityPlacementGroupId() != null) {
                vm.withProximityPlacementGroup(new SubResource().withId(shape.proximityPlacementGroupId()));
            }
        }
        if (shape.security() != null) {
            VmShape.Security s = shape.security();
            SecurityProfile profile = new SecurityProfile().withEncryptionAtHost(s.encryptionAtHost());
            if (s.securityType() != null) {
                profile.withSecurityType(SecurityTypes.fromString(s.securityType()));
            }
            if (s.secureBoot() != null || s.vTpm() != null) {
                profile.withUefiSettings(new UefiSettings().withSecureBootEnabled(s.secureBoot()).withVTpmEnabled(s.vTpm()));
            }
            vm.withSecurityProfile(profile);
        }
        if (shape.plan() != null) {
            VmShape.Plan p = shape.plan();
            vm.withPlan(new Plan().withName(p.name()).withPublisher(p.publisher()).withProduct(p.product())
                    .withPromotionCode(p.promotionCode()));
        }
        if (shape.identity() != null && shape.identity().type() != null
                && !shape.identity().type().equalsIgnoreCase("None")) {
            Map<String, VirtualMachineIdentityUserAssignedIdentities> assigned = new LinkedHashMap<>();
            shape.identity().userAssignedIdentityIds()
                    .forEach(id -> assigned.put(id, new VirtualMachineIdentityUserAssignedIdentities()));
            vm.withIdentity(new VirtualMachineIdentity()
                    .withType(ResourceIdentityType.fromString(shape.identity().type()))
                    .withUserAssignedIdentities(assigned.isEmpty() ? null : assigned));
        }
        if (shape.bootDiagnostics() != null) {
            vm.withDiagnosticsProfile(new DiagnosticsProfile().withBootDiagnostics(new BootDiagnostics()
                    .withEnabled(shape.bootDiagnostics().enabled()).withStorageUri(shape.bootDiagnostics().storageUri())));
        }
        return vm;
    }

    private static StorageProfile storage(VmCreateSpec spec) {
        VmShape shape = spec.shape();
        VmShape.Disk os = shape.osDisk();
        OSDisk osDisk = new OSDisk().withCreateOption(DiskCreateOptionTypes.ATTACH)
                .withOsType(shape.osType() == null ? null : OperatingSystemTypes.fromString(shape.osType()))
                .withManagedDisk(new ManagedDiskParameters().withId(spec.osDiskId()))
                .withCaching(caching(os == null ? null : os.caching()))
                .withWriteAcceleratorEnabled(os != null && os.writeAccelerator() ? true : null)
                .withDeleteOption(spec.keepPlacement() && os != null ? diskDeleteOption(os.deleteOption()) : null);
        List<DataDisk> data = new ArrayList<>();
        spec.dataDiskIds().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            VmShape.Disk captured = shape.dataDisk(e.getKey()).orElse(null);
            data.add(new DataDisk().withLun(e.getKey()).withCreateOption(DiskCreateOptionTypes.ATTACH)
                    .withManagedDisk(new ManagedDiskParameters().withId(e.getValue()))
                    .withCaching(caching(captured == null ? null : captured.caching()))
                    .withWriteAcceleratorEnabled(captured != null && captured.writeAccelerator() ? true : null)
                    .withDeleteOption(spec.keepPlacement() && captured != null
                            ? diskDeleteOption(captured.deleteOption()) : null));
        });
        return new StorageProfile().withOsDisk(osDisk).withDataDisks(data);
    }

    /** The captured disk delete option (Delete or Detach), or null (Compute's default, Detach). */
    private static DiskDeleteOptionTypes diskDeleteOption(String option) {
        return option == null ? null : DiskDeleteOptionTypes.fromString(option);
    }

    private static CachingTypes caching(String caching) {
        return caching == null ? null : CachingTypes.fromString(caching);
    }

    /** A failover (not a drill) gives each NIC the delete option the original VM had for the NIC in its place. */
    private static NetworkProfile network(VmCreateSpec spec) {
        List<String> nicIds = spec.nicIds();
        List<VmShape.Nic> captured = spec.shape().nics();
        List<NetworkInterfaceReference> refs = new ArrayList<>();
        for (int i = 0; i < nicIds.size(); i++) {
            String option = spec.keepPlacement() && captured.size() == nicIds.size() ? captured.get(i).deleteOption()
                    : null;
            refs.add(new NetworkInterfaceReference().withId(nicIds.get(i)).withPrimary(i == 0)
                    .withDeleteOption(option == null ? null : DeleteOptions.fromString(option)));
        }
        return new NetworkProfile().withNetworkInterfaces(refs);
    }
}
