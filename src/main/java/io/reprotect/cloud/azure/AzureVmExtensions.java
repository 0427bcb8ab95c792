package io.reprotect.cloud.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineExtensionInner;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.VmExtensions;
import io.reprotect.cloud.VmShape;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** {@link VmExtensions} on ARM: PUT {@code .../virtualMachines/{vm}/extensions/{name}} (a long-running operation). */
@ApplicationScoped
public class AzureVmExtensions implements VmExtensions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArmManagers managers;

    public AzureVmExtensions(ArmManagers managers) {
        this.managers = managers;
    }

    @Override
    public void install(String vmId, String region, VmShape.Extension e) {
        ResourceId vm = ArmIds.parse(vmId, "Microsoft.Compute/virtualMachines");
        VirtualMachineExtensionInner body = new VirtualMachineExtensionInner()
                .withLocation(region)
                .withPublisher(e.publisher())
                .withTypePropertiesType(e.type())
                .withTypeHandlerVersion(e.typeHandlerVersion())
                .withAutoUpgradeMinorVersion(e.autoUpgradeMinorVersion())
                .withSettings(e.settings() == null ? null : JSON.convertValue(e.settings(), Map.class));
        ArmErrors.call("Installing extension " + e.name() + " on VM " + vmId,
                () -> managers.compute(vm).serviceClient().getVirtualMachineExtensions()
                        .createOrUpdate(vm.resourceGroupName(), vm.name(), e.name(), body));
    }
}
