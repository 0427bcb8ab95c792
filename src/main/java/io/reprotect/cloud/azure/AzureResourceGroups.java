package io.reprotect.cloud.azure;

import com.azure.resourcemanager.resources.fluent.ResourceGroupsClient;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.ResourceGroupInfo;
import io.reprotect.cloud.ResourceGroups;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@link ResourceGroups} on ARM: GET, then PUT only when missing. */
@ApplicationScoped
public class AzureResourceGroups implements ResourceGroups {

    private final ResourceGroupsClient client;

    public AzureResourceGroups(ArmManagers managers) {
        this.client = managers.resources().serviceClient().getResourceGroups();
    }

    @Override
    public Optional<ResourceGroupInfo> find(String name) {
        try {
            return Optional.of(toInfo(ArmErrors.call("Reading resource group " + name, () -> client.get(name))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public ResourceGroupInfo createIfMissing(String name, String region, Map<String, String> tags) {
        Optional<ResourceGroupInfo> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        ResourceGroupInner body = new ResourceGroupInner().withLocation(region).withTags(tags);
        return toInfo(ArmErrors.call("Creating resource group " + name, () -> client.createOrUpdate(name, body)));
    }

    private static ResourceGroupInfo toInfo(ResourceGroupInner g) {
        String state = g.properties() == null ? null : g.properties().provisioningState();
        return new ResourceGroupInfo(g.id(), g.name(), ArmIds.region(g.location()), state, g.tags());
    }
}
