package io.reprotect.cloud.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.VirtualMachines;
import io.reprotect.cloud.VmCreateSpec;
import io.reprotect.cloud.VmInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link VirtualMachines} on ARM (create body in {@link VmBodies}): one GET with {@code $expand=instanceView} gives the power state. */
@ApplicationScoped
public class AzureVirtualMachines implements VirtualMachines {

    static final String TYPE = "Microsoft.Compute/virtualMachines";
    static final String NIC_TYPE = "Microsoft.Network/networkInterfaces";
    static final String PUBLIC_IP_TYPE = "Microsoft.Network/publicIPAddresses";
    private final ArmManagers managers;

    public AzureVirtualMachines(ArmManagers managers) {
        this.managers = managers;
    }

    /** The client of the VM's own subscription. */
    private VirtualMachinesClient client(ResourceId id) {
        return managers.compute(id).serviceClient().getVirtualMachines();
    }

    @Override
    public Optional<VmInfo> find(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        try {
            VirtualMachineInner vm = ArmErrors.call("Reading VM " + vmId, () -> client(id).getByResourceGroupWithResponse(
                    id.resourceGroupName(), id.name(), InstanceViewTypes.INSTANCE_VIEW, Context.NONE).getValue());
            return Optional.of(toInfo(vm, id));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public void deallocate(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        ArmErrors.run("Deallocating VM " + vmId, () -> client(id).deallocate(id.resourceGroupName(), id.name()));
    }

    @Override
    public void beginDeallocate(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        // beginDeallocate sends the request and returns the poller; nobody waits on it.
        ArmErrors.run("Deallocating VM " + vmId, () -> client(id).beginDeallocate(id.resourceGroupName(), id.name()));
    }

    @Override
    public void replaceTags(String vmId, Map<String, String> tags) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        ArmErrors.run("Updating the tags of VM " + vmId, () -> client(id).update(id.resourceGroupName(), id.name(),
                new com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner().withTags(tags)));
    }

    @Override
    public void delete(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        try {
            ArmErrors.run("Deleting VM " + vmId, () -> client(id).delete(id.resourceGroupName(), id.name()));
        } catch (CloudException.NotFound e) {
            // already gone: the desired state
        }
    }

    @Override
    public void beginDelete(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        try {
            ArmErrors.run("Deleting VM " + vmId, () -> client(id).beginDelete(id.resourceGroupName(), id.name()));
        } catch (CloudException.NotFound e) {
            // already gone: the desired state
        }
    }

    @Override
    public VmInfo create(VmCreateSpec spec) {
        String vmId = ArmIds.resourceId(ArmIds.parse(spec.osDiskId(), null).subscriptionId(), spec.resourceGroup(),
                TYPE, spec.name());
        Optional<VmInfo> existing = find(vmId);
        if (existing.isPresent()) {
            if (existing.get().osDiskId() == null || !existing.get().osDiskId().equalsIgnoreCase(spec.osDiskId())) {
                throw new CloudException.Conflict("VM " + vmId + " exists with another OS disk ("
                        + existing.get().osDiskId() + "); it is left untouched: delete or rename it", 409,
                        "VmExistsWithAnotherDisk", null);
            }
            return existing.get();
        }
        ResourceId id = ArmIds.parse(vmId, TYPE);
        ArmErrors.call("Creating VM " + spec.name() + " in " + spec.resourceGroup(),
                () -> client(id).createOrUpdate(spec.resourceGroup(), spec.name(), VmBodies.of(spec)));
        return find(vmId).orElseThrow(() -> new CloudException.Transient("VM " + vmId
                + " was created but cannot be read yet; retry", 404, "NotFound", null));
    }

    @Override
    public List<String> deletedWithVm(String vmId) {
        Optional<VirtualMachineInner> vm = read(vmId);
        if (vm.isEmpty()) {
            return List.of();
        }
        List<String> deleted = new java.util.ArrayList<>();
        var storage = vm.get().storageProfile();
        if (storage != null && storage.osDisk() != null && deletes(storage.osDisk().deleteOption())) {
            deleted.add(storage.osDisk().managedDisk() == null ? storage.osDisk().name()
                    : storage.osDisk().managedDisk().id());
        }
        for (DataDisk d : storage == null || storage.dataDisks() == null ? List.<DataDisk>of() : storage.dataDisks()) {
            if (deletes(d.deleteOption())) {
                deleted.add(d.managedDisk() == null ? d.name() : d.managedDisk().id());
            }
        }
        for (NetworkInterfaceReference nic : nics(vm.get())) {
            if (nic.deleteOption() != null && DeleteOptions.DELETE.toString().equalsIgnoreCase(nic.deleteOption().toString())) {
                deleted.add(nic.id());
            }
            for (PublicIpAddressInner ip : publicIps(nic.id())) {
                if (ip.deleteOption() != null && DeleteOptions.DELETE.toString().equalsIgnoreCase(ip.deleteOption().toString())) {
                    deleted.add(ip.id());
                }
            }
        }
        return deleted;
    }

    @Override
    public void keepResourcesOnDelete(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        Optional<VirtualMachineInner> found = read(vmId);
        if (found.isEmpty()) {
            return;
        }
        VirtualMachineInner vm = found.get();
        var storage = vm.storageProfile();
        boolean change = false;
        if (storage != null && storage.osDisk() != null && deletes(storage.osDisk().deleteOption())) {
            storage.osDisk().withDeleteOption(DiskDeleteOptionTypes.DETACH);
            change = true;
        }
        for (DataDisk d : storage == null || storage.dataDisks() == null ? List.<DataDisk>of() : storage.dataDisks()) {
            if (deletes(d.deleteOption())) {
                d.withDeleteOption(DiskDeleteOptionTypes.DETACH);
                change = true;
            }
        }
        for (NetworkInterfaceReference nic : nics(vm)) {
            if (nic.deleteOption() != null && DeleteOptions.DELETE.toString().equalsIgnoreCase(nic.deleteOption().toString())) {
                nic.withDeleteOption(DeleteOptions.DETACH);
                change = true;
            }
        }
        if (change) {
            var update = new com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner()
                    .withStorageProfile(storage).withNetworkProfile(vm.networkProfile());
            ArmErrors.run("Setting the delete option of the disks and NICs of VM " + vmId + " to Detach",
                    () -> client(id).update(id.resourceGroupName(), id.name(), update));
        }
        for (NetworkInterfaceReference nic : nics(vm)) {
            for (PublicIpAddressInner ip : publicIps(nic.id())) {
                if (ip.deleteOption() != null && DeleteOptions.DELETE.toString().equalsIgnoreCase(ip.deleteOption().toString())) {
                    ResourceId ipId = ArmIds.parse(ip.id(), PUBLIC_IP_TYPE);
                    ip.withDeleteOption(com.azure.resourcemanager.network.models.DeleteOptions.DETACH);
                    ArmErrors.run("Setting the delete option of public IP " + ip.id() + " to Detach",
                            () -> managers.network(ipId).serviceClient().getPublicIpAddresses()
                                    .createOrUpdate(ipId.resourceGroupName(), ipId.name(), ip));
                }
            }
        }
    }

    private Optional<VirtualMachineInner> read(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        try {
            return Optional.of(ArmErrors.call("Reading VM " + vmId, () -> client(id).getByResourceGroupWithResponse(
                    id.resourceGroupName(), id.name(), null, Context.NONE).getValue()));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    private static List<NetworkInterfaceReference> nics(VirtualMachineInner vm) {
        return vm.networkProfile() == null || vm.networkProfile().networkInterfaces() == null ? List.of()
                : vm.networkProfile().networkInterfaces();
    }

    /** The public IP addresses the NIC's IP configurations carry, as Network returns them (none when it is gone). */
    private List<PublicIpAddressInner> publicIps(String nicId) {
        ResourceId id = ArmIds.parse(nicId, NIC_TYPE);
        var network = managers.network(id).serviceClient();
        NetworkInterfaceInner nic;
        try {
            nic = ArmErrors.call("Reading NIC " + nicId, () -> network.getNetworkInterfaces()
                    .getByResourceGroup(id.resourceGroupName(), id.name()));
        } catch (CloudException.NotFound e) {
            return List.of();
        }
        List<PublicIpAddressInner> ips = new java.util.ArrayList<>();
        for (var config : nic.ipConfigurations() == null ? List.<com.azure.resourcemanager.network.fluent.models
                .NetworkInterfaceIpConfigurationInner>of() : nic.ipConfigurations()) {
            if (config.publicIpAddress() != null && config.publicIpAddress().id() != null) {
                ResourceId ipId = ArmIds.parse(config.publicIpAddress().id(), PUBLIC_IP_TYPE);
                try {
                    ips.add(ArmErrors.call("Reading public IP " + ipId.id(), () -> network.getPublicIpAddresses()
                            .getByResourceGroup(ipId.resourceGroupName(), ipId.name())));
                } catch (CloudException.NotFound e) {
                    // gone: nothing to keep
                }
            }
        }
        return ips;
    }

    private static boolean deletes(DiskDeleteOptionTypes option) {
        return option != null && DiskDeleteOptionTypes.DELETE.toString().equalsIgnoreCase(option.toString());
    }

    @Override
    public void start(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        ArmErrors.run("Starting VM " + vmId, () -> client(id).start(id.resourceGroupName(), id.name()));
    }

    @Override
    public PendingOperation beginStart(String vmId) {
        ResourceId id = ArmIds.parse(vmId, TYPE);
        return ArmOperations.begin(managers, "Starting VM " + vmId, vmId, false,
                () -> client(id).startWithResponseAsync(id.resourceGroupName(), id.name()));
    }

    @Override
    public OperationCheck check(PendingOperation operation) {
        return ArmOperations.check(managers, (operation.deleting() ? "Deleting VM " : "Starting VM ")
                + operation.resourceId(), operation);
    }

    private static VmInfo toInfo(VirtualMachineInner vm, ResourceId id) {
        var storage = vm.storageProfile();
        String osDiskId = storage == null || storage.osDisk() == null || storage.osDisk().managedDisk() == null
                ? null : storage.osDisk().managedDisk().id();
        List<DataDisk> attached = storage == null || storage.dataDisks() == null ? List.of()
                : storage.dataDisks().stream()
                        .filter(d -> d.managedDisk() != null && d.managedDisk().id() != null)
                        .sorted(Comparator.comparingInt(DataDisk::lun)).toList();
        List<String> dataDisks = attached.stream().map(d -> d.managedDisk().id()).toList();
        String availabilitySet = vm.availabilitySet() == null ? null : vm.availabilitySet().id();
        Map<String, String> tags = vm.tags() == null ? Map.of() : vm.tags();
        return new VmInfo(vm.id(), vm.name(), id.resourceGroupName(), ArmIds.region(vm.location()), powerState(vm),
                osDiskId, dataDisks, availabilitySet, tags, attached.stream().map(DataDisk::lun).toList(), vm.vmId(),
                vm.timeCreated() == null ? null : vm.timeCreated().toInstant());
    }

    private static PowerState powerState(VirtualMachineInner vm) {
        if (vm.instanceView() == null || vm.instanceView().statuses() == null) {
            return PowerState.UNKNOWN;
        }
        return vm.instanceView().statuses().stream().map(InstanceViewStatus::code)
                .filter(c -> c != null && c.startsWith("PowerState/"))
                .map(PowerState::fromStatusCode).findFirst().orElse(PowerState.UNKNOWN);
    }
}
