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

    private final ArmManagers managers;

    public AzureResourceGroups(ArmManagers managers) {
        this.managers = managers;
    }

    /** The client of the group's own subscription. */
    private ResourceGroupsClient client(String subscriptionId) {
        return managers.of(subscriptionId).resources().serviceClient().getResourceGroups();
    }

    @Override
    public Optional<ResourceGroupInfo> find(String subscriptionId, String name) {
        try {
            return Optional.of(toInfo(ArmErrors.call("Reading resource group " + name,
                    () -> client(subscriptionId).get(name))));
        } catch (CloudException.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public ResourceGroupInfo createIfMissing(String subscriptionId, String name, String region, Map<String, String> tags) {
        Optional<ResourceGroupInfo> existing = find(subscriptionId, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        ResourceGroupInner body = new ResourceGroupInner().withLocation(region).withTags(tags);
        return toInfo(ArmErrors.call("Creating resource group " + name,
                () -> client(subscriptionId).createOrUpdate(name, body)));
    }

    private static ResourceGroupInfo toInfo(ResourceGroupInner g) {
        String state = g.properties() == null ? null : g.properties().provisioningState();
        return new ResourceGroupInfo(g.id(), g.name(), ArmIds.region(g.location()), state, g.tags());
    }
}
