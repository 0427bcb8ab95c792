package io.reprotect.cloud.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.DisksClient;
import com.azure.resourcemanager.compute.fluent.VirtualMachineExtensionsClient;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineExtensionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.Networks;
import io.reprotect.cloud.VmCapture;
import io.reprotect.cloud.VmShape;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link VmCapture} on ARM: one GET of the VM, one per managed disk (SKU, hyperVGeneration,
 * encryption set), the NICs through {@link Networks}, and the VM's extensions.
 */
@ApplicationScoped
public class AzureVmCapture implements VmCapture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArmManagers managers;
    private final Networks nics;

    public AzureVmCapture(ArmManagers managers, Networks nics) {
        this.managers = managers;
        this.nics = nics;
    }

    private VirtualMachinesClient vms(ResourceId id) {
        return managers.compute(id).serviceClient().getVirtualMachines();
    }

    private VirtualMachineExtensionsClient extensionsClient(ResourceId id) {
        return managers.compute(id).serviceClient().getVirtualMachineExtensions();
    }

    private DisksClient disks(ResourceId id) {
        return managers.compute(id).serviceClient().getDisks();
    }

    @Override
    public Optional<VmShape> capture(String vmId) {
        ResourceId id = ArmIds.parse(vmId, AzureVirtualMachines.TYPE);
        VirtualMachineInner vm;
        try {
            vm = ArmErrors.call("Reading VM " + vmId, () -> vms(id).getByResourceGroupWithResponse(
                    id.resourceGroupName(), id.name(), null, Context.NONE).getValue());
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
        var storage = vm.storageProfile();
        OSDisk os = storage.osDisk();
        VmShape.Disk osDisk = disk(-1, os.name(), os.managedDisk(), os.caching(), os.writeAcceleratorEnabled(),
                ArmIds.text(os.deleteOption()));
        List<VmShape.Disk> data = new ArrayList<>();
        for (DataDisk d : storage.dataDisks() == null ? List.<DataDisk>of() : storage.dataDisks()) {
            data.add(disk(d.lun(), d.name(), d.managedDisk(), d.caching(), d.writeAcceleratorEnabled(),
                    ArmIds.text(d.deleteOption())));
        }
        List<VmShape.Nic> nicShapes = new ArrayList<>();
        List<NetworkInterfaceReference> refs = vm.networkProfile() == null
                || vm.networkProfile().networkInterfaces() == null ? List.of() : vm.networkProfile().networkInterfaces();
        for (NetworkInterfaceReference ref : refs) {
            boolean primary = Boolean.TRUE.equals(ref.primary()) || refs.size() == 1;
            String deleteOption = ArmIds.text(ref.deleteOption());
            nicShapes.add(nics.findNic(ref.id()).map(n -> n.withPrimary(primary).withDeleteOption(deleteOption)).orElseThrow(() ->
                    new CloudException.NotFound("NIC " + ref.id() + " of VM " + vmId + " was not found", "NotFound", null)));
        }
        return Optional.of(new VmShape(vm.id(), vm.name(), id.resourceGroupName(), vm.location(),
                vm.hardwareProfile() == null ? null : ArmIds.text(vm.hardwareProfile().vmSize()),
                vm.zones() == null || vm.zones().isEmpty() ? null : vm.zones().get(0),
                vm.availabilitySet() == null ? null : vm.availabilitySet().id(),
                vm.proximityPlacementGroup() == null ? null : vm.proximityPlacementGroup().id(), vm.tags(),
                ArmIds.text(os.osType()), vm.licenseType(), security(vm), plan(vm), identity(vm), bootDiagnostics(vm),
                osDisk, data, nicShapes, extensions(id)));
    }

    private VmShape.Disk disk(int lun, String name, ManagedDiskParameters managed, Object caching, Boolean accelerator,
            String deleteOption) {
        if (managed == null || managed.id() == null) {
            throw new CloudException.Other("Disk " + name + " is not a managed disk; reprotect supports managed disks only",
                    400, "UnmanagedDisk", null);
        }
        DiskInner d = ArmErrors.call("Reading disk " + managed.id(), () -> {
            ResourceId diskId = ArmIds.parse(managed.id(), AzureManagedDisks.DISK_TYPE);
            return disks(diskId).getByResourceGroup(diskId.resourceGroupName(), diskId.name());
        });
        String encryptionSet = d.encryption() != null ? d.encryption().diskEncryptionSetId()
                : managed.diskEncryptionSet() == null ? null : managed.diskEncryptionSet().id();
        return new VmShape.Disk(lun, d.id(), d.name(), ArmIds.text(caching), Boolean.TRUE.equals(accelerator),
                d.sku() == null ? ArmIds.text(managed.storageAccountType()) : ArmIds.text(d.sku().name()),
                d.diskSizeGB() == null ? 0 : d.diskSizeGB(), ArmIds.text(d.hyperVGeneration()), encryptionSet,
                deleteOption);
    }

    private List<VmShape.Extension> extensions(ResourceId vm) {
        var list = ArmErrors.call("Listing extensions of VM " + vm.id(),
                () -> extensionsClient(vm).list(vm.resourceGroupName(), vm.name()));
        List<VmShape.Extension> result = new ArrayList<>();
        for (VirtualMachineExtensionInner e : list == null || list.value() == null
                ? List.<VirtualMachineExtensionInner>of() : list.value()) {
            result.add(new VmShape.Extension(e.name(), e.publisher(), e.typePropertiesType(), e.typeHandlerVersion(),
                    Boolean.TRUE.equals(e.autoUpgradeMinorVersion()), settings(e.settings()),
                    ExtensionSecrets.mustBeSuppliedAgain(e.typePropertiesType(), e.protectedSettingsFromKeyVault() != null)));
        }
        return result;
    }

    private static JsonNode settings(Object settings) {
        return settings == null ? null : JSON.valueToTree(settings);
    }

    private static VmShape.Security security(VirtualMachineInner vm) {
        var s = vm.securityProfile();
        if (s == null) {
            return null;
        }
        return new VmShape.Security(ArmIds.text(s.securityType()),
                s.uefiSettings() == null ? null : s.uefiSettings().secureBootEnabled(),
                s.uefiSettings() == null ? null : s.uefiSettings().vTpmEnabled(), s.encryptionAtHost());
    }

    private static VmShape.Plan plan(VirtualMachineInner vm) {
        var p = vm.plan();
        return p == null ? null : new VmShape.Plan(p.name(), p.publisher(), p.product(), p.promotionCode());
    }

    private static VmShape.Identity identity(VirtualMachineInner vm) {
        var i = vm.identity();
        return i == null ? null : new VmShape.Identity(ArmIds.text(i.type()),
                i.userAssignedIdentities() == null ? List.of() : List.copyOf(i.userAssignedIdentities().keySet()));
    }

    private static VmShape.BootDiagnostics bootDiagnostics(VirtualMachineInner vm) {
        var d = vm.diagnosticsProfile() == null ? null : vm.diagnosticsProfile().bootDiagnostics();
        return d == null ? null : new VmShape.BootDiagnostics(Boolean.TRUE.equals(d.enabled()), d.storageUri());
    }
}
