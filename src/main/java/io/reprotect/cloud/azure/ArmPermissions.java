package io.reprotect.cloud.azure;

import java.util.List;

/**
 * Every ARM action the Azure adapters perform. The infrastructure derives the engine's custom role
 * from this list, so an adapter method that calls a new ARM operation must add its action here
 * (the stand-in test {@code EveryCalledActionIsRequired} checks the actions it saw).
 */
public final class ArmPermissions {

    /** Actions for the custom role's {@code actions} array, in provider order. */
    public static final List<String> REQUIRED_ACTIONS = List.of(
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Resources/subscriptions/resourceGroups/write",
            "Microsoft.Compute/virtualMachines/read",
            "Microsoft.Compute/virtualMachines/write",
            "Microsoft.Compute/virtualMachines/start/action",
            "Microsoft.Compute/virtualMachines/deallocate/action",
            "Microsoft.Compute/virtualMachines/delete",
            "Microsoft.Compute/virtualMachines/extensions/read",
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
            "Microsoft.Compute/availabilitySets/read",
            "Microsoft.Compute/availabilitySets/write",
            "Microsoft.Compute/locations/operations/read",
            "Microsoft.Network/virtualNetworks/read",
            "Microsoft.Network/virtualNetworks/subnets/read",
            "Microsoft.Network/virtualNetworks/subnets/join/action",
            "Microsoft.Network/virtualNetworks/CheckIPAddressAvailability/read",
            "Microsoft.Network/networkInterfaces/read",
            "Microsoft.Network/networkInterfaces/write",
            "Microsoft.Network/networkInterfaces/delete",
            "Microsoft.Network/networkInterfaces/join/action",
            "Microsoft.Network/networkSecurityGroups/join/action",
            "Microsoft.Network/publicIPAddresses/join/action",
            "Microsoft.Network/locations/operations/read",
            "Microsoft.Storage/storageAccounts/read",
            "Microsoft.Storage/storageAccounts/write",
            "Microsoft.Storage/checkNameAvailability/read",
            "Microsoft.Storage/locations/asyncoperations/read");

    private ArmPermissions() {
    }
}
