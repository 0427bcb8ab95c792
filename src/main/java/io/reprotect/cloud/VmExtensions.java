package io.reprotect.cloud;

/** VM extensions: reinstalling what was captured on a rebuilt VM. Throws {@link CloudException} on failure. */
public interface VmExtensions {

    /**
     * Installs (or updates to) the extension on the VM with its type, publisher, version and public
     * settings, and waits until it is provisioned. Idempotent: ARM's PUT of the same extension changes
     * nothing.
     */
    void install(String vmId, String region, VmShape.Extension extension);
}
