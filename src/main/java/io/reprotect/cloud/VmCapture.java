package io.reprotect.cloud;

import java.util.Optional;

/** Reads a VM's whole shape (VM, its disks, NICs and extensions). Throws {@link CloudException} on failure. */
public interface VmCapture {

    /**
     * The VM's shape, or empty when the VM does not exist. Reads only: calling it twice changes
     * nothing, and gives the same shape as long as nobody changed the VM.
     */
    Optional<VmShape> capture(String vmId);
}
