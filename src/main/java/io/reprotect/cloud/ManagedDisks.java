package io.reprotect.cloud;

import java.util.Optional;

/** Reads, imports and deletes managed disks. Throws {@link CloudException} on failure. */
public interface ManagedDisks {

    /** The disk, or empty when it (or its resource group) does not exist. */
    Optional<DiskInfo> find(String diskId);

    /**
     * Creates the disk from a page blob and waits until it succeeded. Idempotent per name: when a
     * disk of that name exists and was imported from the same blob, it is returned unchanged; a
     * disk of that name from anything else is a {@link CloudException.Conflict}, never overwritten.
     */
    DiskInfo importFromBlob(DiskImportSpec spec);

    /** Deletes the disk and waits. Idempotent: a disk that is already gone is success. */
    void delete(String diskId);
}
