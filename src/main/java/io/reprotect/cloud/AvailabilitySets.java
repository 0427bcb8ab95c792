package io.reprotect.cloud;

import java.util.Optional;

/** Availability sets in the target region. Throws {@link CloudException} on failure. */
public interface AvailabilitySets {

    Optional<AvailabilitySetInfo> find(String availabilitySetId);

    /**
     * Returns the existing set with this name, or creates it. Idempotent: running it twice creates
     * one set; an existing set is returned unchanged even if its domain counts differ from the spec.
     */
    AvailabilitySetInfo createIfMissing(AvailabilitySetSpec spec);
}
