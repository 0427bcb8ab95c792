package io.reprotect.cloud;

import java.util.Optional;

/** Reads, creates, starts, stops and deletes VMs. Every method throws {@link CloudException} on failure. */
public interface VirtualMachines {

    /** The VM with its current power state, or empty when it does not exist (nor its resource group). */
    Optional<VmInfo> find(String vmId);

    /** Whether the VM exists; one GET, like {@link #find}. */
    default boolean exists(String vmId) {
        return find(vmId).isPresent();
    }

    /**
     * Stops the VM and releases its compute; waits until it is deallocated.
     * Idempotent: deallocating a deallocated VM succeeds. Throws NotFound when the VM is gone.
     */
    void deallocate(String vmId);

    /**
     * Asks ARM to deallocate the VM and returns as soon as ARM accepted, without waiting: for stages
     * that must not block an invocation; check {@link #find} later for {@link PowerState#DEALLOCATED}.
     * Idempotent like {@link #deallocate}.
     */
    void beginDeallocate(String vmId);

    /** Deletes the VM (its disks stay) and waits. Idempotent: a VM that is already gone is success. */
    void delete(String vmId);

    /** Asks ARM to delete the VM and returns once accepted; {@link #find} is empty when done. Idempotent. */
    void beginDelete(String vmId);

    /**
     * Creates the VM over existing disks and NICs and waits until it is provisioned (Azure starts a
     * new VM). Idempotent per name: an existing VM of that name with the same OS disk is returned as it
     * is; one with another OS disk is a {@link CloudException.Conflict}, never overwritten.
     */
    VmInfo create(VmCreateSpec spec);

    /** Replaces the VM's tags with {@code tags} (a PATCH of the VM) and waits. Idempotent. */
    void replaceTags(String vmId, java.util.Map<String, String> tags);

    /**
     * What deleting the VM would delete with it (Compute API 2021-03-01 and later): each OS disk, data disk and
     * NIC whose {@code deleteOption} is {@code Delete}, and each public IP address of its NICs whose own
     * {@code deleteOption} is {@code Delete}. Empty when the VM keeps them all (or is gone). Reads only.
     */
    java.util.List<String> deletedWithVm(String vmId);

    /**
     * Sets the {@code deleteOption} of every disk and NIC of the VM (a VM PATCH) and of every public IP address
     * of its NICs (a PUT of the address) to {@code Detach}, so that deleting the VM deletes only the VM. Changes
     * only what says {@code Delete}; idempotent. Check with {@link #deletedWithVm}.
     */
    void keepResourcesOnDelete(String vmId);

    /** Starts the VM and waits until it runs. Idempotent: starting a running VM succeeds. */
    void start(String vmId);

    /**
     * Sends the start and returns at once with what {@link #check} needs; never waits for the VM to run (Compute
     * sends no {@code Retry-After}: the operation is checked after the SDK's 30 s poll interval).
     */
    PendingOperation beginStart(String vmId);

    /** One call to Azure: where an operation begun on a VM is now. */
    OperationCheck check(PendingOperation operation);
}
