package io.reprotect.cloud;

/**
 * Proves that a region's own control plane answers. A resource-group read does not: ARM serves it
 * from its global front end even while the region is down. This reads something only the region's
 * Compute resource provider serves (its usages in that location).
 *
 * <p>Idempotent: a read; calling it twice has no effect.
 */
public interface RegionProbe {

    /**
     * Returns when {@code region} answers for {@code subscriptionId}; throws a retryable {@link CloudException} (5xx, timeout)
     * while it does not, and a permanent one when the region does not offer Compute to this subscription.
     */
    void probe(String subscriptionId, String region);
}
