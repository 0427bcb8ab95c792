package io.reprotect.cloud.azure;

import java.util.List;

/**
 * Every ARM action the Azure adapters perform, polls of long-running operations included. The
 * infrastructure derives the engine's custom role from this list (infra/reprotect-operator-actions.json
 * holds {@link #REQUIRED_ACTIONS} and {@link #BLOB_SERVICE_ACTIONS}, nothing else). The ARM stand-in
 * records the action of every request it serves, the linked actions ARM checks on resources a request
 * refers to, and the polls of each provider's long-running operations at the URLs Azure gives;
 * {@code ArmActionsSeenIT} fails the build unless the actions it saw in the whole test run are exactly
 * {@link #REQUIRED_ACTIONS}.
 */
public final class ArmPermissions {

    /** Control-plane actions, in provider order. */
    public static final List<String> REQUIRED_ACTIONS = List.of(
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Resources/subscriptions/resourceGroups/write",
            "Microsoft.Compute/virtualMachines/read",
            "Microsoft.Compute/virtualMachines/write",
            "Microsoft.Compute/virtualMachines/start/action",
            "Microsoft.Compute/virtualMachines/deallocate/action",
            "Microsoft.Compute/virtualMachines/delete",
            "Microsoft.Compute/virtualMachines/extensions/read",
            // a failover reinstalls the captured extensions
            "Microsoft.Compute/virtualMachines/extensions/write",
            "Microsoft.Compute/disks/read",
            "Microsoft.Compute/disks/write",
            "Microsoft.Compute/disks/delete",
            "Microsoft.Compute/disks/beginGetAccess/action",
            "Microsoft.Compute/disks/endGetAccess/action",
            "Microsoft.Compute/snapshots/read",
            "Microsoft.Compute/snapshots/write",
            "Microsoft.Compute/snapshots/delete",
            "Microsoft.Compute/snapshots/beginGetAccess/action",
            "Microsoft.Compute/snapshots/endGetAccess/action",
            // replication cycles: a VM restore point captures every disk at one instant
            "Microsoft.Compute/restorePointCollections/write",
            "Microsoft.Compute/restorePointCollections/delete",
            "Microsoft.Compute/restorePointCollections/restorePoints/read",
            "Microsoft.Compute/restorePointCollections/restorePoints/write",
            "Microsoft.Compute/restorePointCollections/restorePoints/delete",
            "Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints/read",
            "Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints/beginGetAccess/action",
            "Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints/endGetAccess/action",
            // linked: a disk imported with a customer-managed key names its disk encryption set
            "Microsoft.Compute/diskEncryptionSets/read",
            "Microsoft.Compute/availabilitySets/read",
            "Microsoft.Compute/availabilitySets/write",
            // polls of VM operations (deallocate, delete): .../locations/{region}/operations/{id}
            "Microsoft.Compute/locations/operations/read",
            // polls of disk and snapshot operations (grant and revoke access, snapshot create and delete)
            "Microsoft.Compute/locations/DiskOperations/read",
            // the primary-region probe of ValidatePrerequisites
            "Microsoft.Compute/locations/usages/read",
            // linked: a VM rebuilt with its user-assigned identities assigns each of them
            "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
            "Microsoft.Network/virtualNetworks/subnets/read",
            // linked: a NIC created in a subnet joins it, and its NSG; a VM created on NICs joins them
            "Microsoft.Network/virtualNetworks/subnets/join/action",
            "Microsoft.Network/networkSecurityGroups/join/action",
            "Microsoft.Network/networkInterfaces/join/action",
            "Microsoft.Network/virtualNetworks/CheckIPAddressAvailability/read",
            "Microsoft.Network/networkInterfaces/read",
            "Microsoft.Network/networkInterfaces/write",
            "Microsoft.Network/networkInterfaces/delete",
            // a drill's network is refused when peered with production (GET virtualNetworks lists its peerings)
            "Microsoft.Network/virtualNetworks/read",
            // a NIC created in place of a missing original keeps its public IP when free (read, then joined: linked)
            "Microsoft.Network/publicIPAddresses/read",
            "Microsoft.Network/publicIPAddresses/join/action",
            // delete-target-vm sets the old VM's public IPs to be kept when it is deleted (deleteOption Detach)
            "Microsoft.Network/publicIPAddresses/write",
            // a NIC delete: its status (Azure-AsyncOperation) and its result (Location), polled in that order
            "Microsoft.Network/locations/operations/read",
            "Microsoft.Network/locations/operationResults/read",
            "Microsoft.Storage/storageAccounts/read",
            "Microsoft.Storage/storageAccounts/write",
            // commit and disable protection delete the cache and target accounts reprotect created
            "Microsoft.Storage/storageAccounts/delete",
            "Microsoft.Storage/checkNameAvailability/read",
            // polls of storage account creation: .../locations/{region}/asyncoperations/{id}
            "Microsoft.Storage/locations/asyncoperations/read",
            // soft delete for recovery data: on a replica account it created, the engine turns on blob soft delete
            // and versioning (PUT blobServices/default), and puts a CanNotDelete lock that it lifts only to purge
            // deleted recovery data after its retention period (so a stolen key cannot delete the account at once)
            "Microsoft.Storage/storageAccounts/blobServices/write",
            "Microsoft.Authorization/locks/write",
            "Microsoft.Authorization/locks/delete");

    /**
     * Actions (not dataActions) that the blob service checks when the engine's identity calls it
     * directly: creating the seed and replica containers, deleting the replica container when protection is
     * disabled, and user-delegation SAS. The ARM stand-in
     * never sees them (blobs are served by Azurite), so they are listed apart.
     */
    public static final List<String> BLOB_SERVICE_ACTIONS = List.of(
            "Microsoft.Storage/storageAccounts/blobServices/containers/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/delete",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action");

    private ArmPermissions() {
    }
}
