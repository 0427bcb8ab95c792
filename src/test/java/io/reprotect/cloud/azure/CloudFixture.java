package io.reprotect.cloud.azure;

import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import java.time.Duration;

/** A stand-in seeded with the demo region pair, and the real adapters pointed at it. */
final class CloudFixture implements AutoCloseable {

    /** Poll interval of long-running operations in tests (the SDK's default is 30 s). */
    static final Duration FAST_POLL = Duration.ofMillis(20);

    final ArmStandIn arm;
    final DemoRegionPair demo;
    final ArmManagers managers;

    private CloudFixture(ArmStandIn arm) {
        this.arm = arm;
        this.demo = arm.restored() ? DemoSeed.idsOf(arm.subscriptionId()) : DemoSeed.seed(arm);
        this.managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionId(), FAST_POLL));
    }

    static CloudFixture start() {
        return new CloudFixture(ArmStandIn.start());
    }

    /** A stand-in with these options; one restored from a state file is not seeded again. */
    static CloudFixture start(ArmStandIn.Options options) {
        return new CloudFixture(ArmStandIn.start(options));
    }

    AzureVirtualMachines vms() {
        return new AzureVirtualMachines(managers);
    }

    AzureManagedDisks disks() {
        return new AzureManagedDisks(managers);
    }

    AzureSnapshots snapshots() {
        return new AzureSnapshots(managers);
    }

    AzureAvailabilitySets availabilitySets() {
        return new AzureAvailabilitySets(managers);
    }

    AzureStorageAccounts storageAccounts() {
        return new AzureStorageAccounts(managers);
    }

    AzureNetworks networks() {
        return new AzureNetworks(managers);
    }

    AzureVmCapture capture() {
        return new AzureVmCapture(managers, networks());
    }

    AzureResourceGroups resourceGroups() {
        return new AzureResourceGroups(managers);
    }

    String id(String rg, String type, String name) {
        return "/subscriptions/" + arm.subscriptionId() + "/resourceGroups/" + rg + "/providers/" + type + "/" + name;
    }

    @Override
    public void close() {
        arm.close();
    }
}
