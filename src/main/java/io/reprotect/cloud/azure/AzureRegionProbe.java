package io.reprotect.cloud.azure;

import com.azure.resourcemanager.compute.fluent.UsagesClient;
import io.reprotect.cloud.RegionProbe;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link RegionProbe} on ARM: lists Compute usages in the location ({@code Microsoft.Compute/locations/usages/read}). */
@ApplicationScoped
public class AzureRegionProbe implements RegionProbe {

    private final ArmManagers managers;

    public AzureRegionProbe(ArmManagers managers) {
        this.managers = managers;
    }

    @Override
    public void probe(String subscriptionId, String region) {
        UsagesClient usages = managers.of(subscriptionId).compute().serviceClient().getUsages();
        // the first page is enough: the regional Compute front end had to answer it
        ArmErrors.run("Reading Compute usages in region " + region,
                () -> usages.list(ArmIds.region(region)).iterableByPage().iterator().next());
    }
}
