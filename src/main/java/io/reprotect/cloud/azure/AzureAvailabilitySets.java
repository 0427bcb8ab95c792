package io.reprotect.cloud.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.AvailabilitySetsClient;
import com.azure.resourcemanager.compute.fluent.models.AvailabilitySetInner;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import io.reprotect.cloud.AvailabilitySetInfo;
import io.reprotect.cloud.AvailabilitySetSpec;
import io.reprotect.cloud.AvailabilitySets;
import io.reprotect.cloud.CloudException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** {@link AvailabilitySets} on ARM: GET, then PUT only when missing. */
@ApplicationScoped
public class AzureAvailabilitySets implements AvailabilitySets {

    static final String TYPE = "Microsoft.Compute/availabilitySets";
    private final ArmManagers managers;

    public AzureAvailabilitySets(ArmManagers managers) {
        this.managers = managers;
    }

    /** The client of the set's own subscription. */
    private AvailabilitySetsClient client(String subscriptionId) {
        return managers.of(subscriptionId).compute().serviceClient().getAvailabilitySets();
    }

    @Override
    public Optional<AvailabilitySetInfo> find(String availabilitySetId) {
        ResourceId id = ArmIds.parse(availabilitySetId, TYPE);
        try {
            return Optional.of(toInfo(ArmErrors.call("Reading availability set " + availabilitySetId,
                    () -> client(id.subscriptionId()).getByResourceGroup(id.resourceGroupName(), id.name()))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public AvailabilitySetInfo createIfMissing(AvailabilitySetSpec spec) {
        String id = ArmIds.resourceId(spec.subscriptionId(), spec.resourceGroup(), TYPE, spec.name());
        Optional<AvailabilitySetInfo> existing = find(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        AvailabilitySetInner body = new AvailabilitySetInner().withLocation(spec.region())
                .withPlatformFaultDomainCount(spec.faultDomains())
                .withPlatformUpdateDomainCount(spec.updateDomains())
                .withSku(new Sku().withName(spec.managedDisks() ? "Aligned" : "Classic"));
        return toInfo(ArmErrors.call("Creating availability set " + id,
                () -> client(spec.subscriptionId()).createOrUpdate(spec.resourceGroup(), spec.name(), body)));
    }

    private static AvailabilitySetInfo toInfo(AvailabilitySetInner a) {
        List<String> vms = a.virtualMachines() == null ? List.of()
                : a.virtualMachines().stream().map(SubResource::id).toList();
        return new AvailabilitySetInfo(a.id(), a.name(), ArmIds.resourceGroupOf(a.id()), ArmIds.region(a.location()),
                a.platformFaultDomainCount() == null ? 0 : a.platformFaultDomainCount(),
                a.platformUpdateDomainCount() == null ? 0 : a.platformUpdateDomainCount(),
                a.sku() == null ? null : a.sku().name(), vms);
    }
}
