package io.reprotect.cloud;

import java.util.Optional;

/** Reads managed disks. Throws {@link CloudException} on failure. */
public interface ManagedDisks {

    /** The disk, or empty when it (or its resource group) does not exist. */
    Optional<DiskInfo> find(String diskId);
}
