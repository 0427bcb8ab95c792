package io.reprotect.cloud;

import java.util.Map;
import java.util.Optional;

/** Resource groups, each in the subscription named with it. Throws {@link CloudException} on failure. */
public interface ResourceGroups {

    Optional<ResourceGroupInfo> find(String subscriptionId, String name);

    /**
     * Returns the existing group, or creates it in {@code region} with {@code tags}. Idempotent:
     * an existing group is returned unchanged (its region and tags are not touched).
     */
    ResourceGroupInfo createIfMissing(String subscriptionId, String name, String region, Map<String, String> tags);
}
