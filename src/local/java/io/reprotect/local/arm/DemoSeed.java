package io.reprotect.local.arm;

import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.failover.FailoverRecord;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds the demo region pair in a stand-in, as ASR leaves it after a committed failover.
 *
 * <p>Primary region (westeurope), resource group {@code app-rg}: availability set {@code app-avset}
 * and VM {@code app01} (deallocated, as a planned failover leaves it) with disks {@code app01-osdisk} and {@code app01-datadisk} (LUN 0), NIC
 * {@code app01-nic} (10.1.0.10 in {@code app-vnet/default}) and a CustomScript extension; an isolated
 * network {@code app-vnet-test} for test failovers.
 * Secondary region (northeurope), resource group {@code app-rg-asr}: VM {@code app01} (running)
 * with disks {@code app01-osdisk-asr} and {@code app01-datadisk-asr}, tagged with where it came from
 * ({@link #TAG_SOURCE_VM}, {@link #TAG_SOURCE_RG}, {@link #TAG_SOURCE_REGION}, {@link #TAG_FAILOVER_STATE}).
 *
 * <p>Disk bytes (all disks {@link #DISK_SIZE_GB} GiB, sparse): both OS disks hold the same
 * {@link #WRITTEN_MIB} MiB at offset 0. The data disks hold the same first {@link #WRITTEN_MIB} MiB,
 * except that on the secondary (source) disk MiB 1 was rewritten after failover and
 * {@link #WRITTEN_MIB} more MiB were written at {@link #LATE_WRITE_OFFSET}: what a resync must copy.
 */
public final class DemoSeed {

    // the failover record's tags, as the prerequisite check reads them
    public static final String TAG_SOURCE_VM = FailoverRecord.TAG_SOURCE_VM;
    public static final String TAG_SOURCE_RG = FailoverRecord.TAG_SOURCE_RG;
    public static final String TAG_SOURCE_REGION = FailoverRecord.TAG_SOURCE_REGION;
    public static final String TAG_FAILOVER_STATE = FailoverRecord.TAG_STATE;
    public static final String TAG_RECOVERY_VM = FailoverRecord.TAG_RECOVERY_VM;
    public static final int DISK_SIZE_GB = 1;
    public static final int WRITTEN_MIB = 4;
    /** Where data written only after failover starts on the source data disk. */
    public static final long LATE_WRITE_OFFSET = 512L << 20;
    private static final int MIB = 1 << 20;
    /** Host part of the demo VM's addresses (10.1.0.10, 10.2.0.10). */
    private static final int DEMO_HOST = 10;
    /** The demo application's name (its VMs' {@code app} tag). */
    public static final String APPLICATION = "shop";
    /** The demo application's resource group in the primary region; {@code -asr} appended in the secondary. */
    public static final String APPLICATION_RG = "shop-rg";
    /** The demo application's VMs, in the order a recovery plan starts them. */
    public static final List<String> APPLICATION_VMS = List.of("db01", "app01", "web01");
    /** Their tiers ({@code tier} tag). */
    static final List<String> APPLICATION_TIERS = List.of("database", "app", "web");
    /** Host part of the first application VM's addresses. */
    private static final int APPLICATION_FIRST_HOST = 4;

    private DemoSeed() {
    }

    public static DemoRegionPair seed(ArmStandIn arm) {
        return seed(arm, arm.subscriptionId());
    }

    /** The same demo in subscription {@code sub} of the stand-in (names repeat across subscriptions). */
    public static DemoRegionPair seed(ArmStandIn arm, String sub) {
        return seed(arm, sub, "");
    }

    /**
     * Another copy of the demo in subscription {@code sub}: its resource groups and the VM carry
     * {@code suffix} ({@code app-rg-7}, {@code app01-7}), so many failed-over VMs can share a subscription
     * (capacity runs). The empty suffix is the demo itself.
     */
    public static DemoRegionPair seed(ArmStandIn arm, String sub, String suffix) {
        return seedVm(arm, sub, "app-rg" + suffix, "app-rg-asr" + suffix, "app01" + suffix, DEMO_HOST,
                Map.of("app", "demo"), true);
    }

    /**
     * The demo application, three VMs that fail over together in a recovery plan: {@link #APPLICATION_VMS} (a
     * database, an app server, a web front end) in resource groups {@value #APPLICATION_RG} (primary, deallocated)
     * and {@value #APPLICATION_RG}-asr (secondary, running), each failed over and ready to reprotect as the demo's
     * app01 is, sharing one availability set and networks; 10.1.0.4-6 and 10.2.0.4-6.
     *
     * @return one pair per VM, in {@link #APPLICATION_VMS}' order
     */
    public static List<DemoRegionPair> seedApplication(ArmStandIn arm, String sub) {
        List<DemoRegionPair> vms = new ArrayList<>();
        for (int i = 0; i < APPLICATION_VMS.size(); i++) {
            vms.add(seedVm(arm, sub, APPLICATION_RG, APPLICATION_RG + "-asr", APPLICATION_VMS.get(i),
                    APPLICATION_FIRST_HOST + i, Map.of("app", APPLICATION, "tier", APPLICATION_TIERS.get(i)), i == 0));
        }
        return vms;
    }

    /**
     * One failed-over VM: {@code vm} deallocated in {@code rg} (primary) and running in {@code rgAsr}
     * (secondary), with its disks, NICs (host address {@code host} in 10.1.0.0/24 and 10.2.0.0/24) and, when
     * {@code shared}, the resource groups, availability set and networks its neighbours use too.
     */
    private static DemoRegionPair seedVm(ArmStandIn arm, String sub, String rg, String rgAsr, String vm, int host,
            Map<String, String> tags, boolean shared) {
        String primary = ArmStandIn.PRIMARY_REGION;
        String secondary = ArmStandIn.SECONDARY_REGION;
        String rgPrefix = "/subscriptions/" + sub + "/resourceGroups/";
        String avset = rgPrefix + rg + "/providers/Microsoft.Compute/availabilitySets/app-avset";
        String vnet = rgPrefix + rg + "/providers/Microsoft.Network/virtualNetworks/app-vnet";
        String testVnet = vnet + "-test";
        String vnetAsr = rgPrefix + rgAsr + "/providers/Microsoft.Network/virtualNetworks/app-vnet-asr";
        if (shared) {
            arm.createResourceGroup(sub, rg, primary, Map.of());
            arm.createResourceGroup(sub, rgAsr, secondary, Map.of("created-by", "asr-failover"));
            avset = arm.createAvailabilitySet(sub, rg, "app-avset", primary);
        }
        String tOs = arm.createDisk(sub, rg, vm + "-osdisk", primary, DISK_SIZE_GB, "Premium_LRS");
        String tData = arm.createDisk(sub, rg, vm + "-datadisk", primary, DISK_SIZE_GB, "Premium_LRS");
        write(arm.blobOf(tOs), 0, pattern(1, WRITTEN_MIB * MIB));
        write(arm.blobOf(tData), 0, pattern(2, WRITTEN_MIB * MIB));
        if (shared) {
            vnet = arm.createVirtualNetwork(sub, rg, "app-vnet", primary, "10.1.0.0/16",
                    Map.of("default", "10.1.0.0/24"));
            testVnet = arm.createVirtualNetwork(sub, rg, "app-vnet-test", primary, "10.1.0.0/16",
                    Map.of("default", "10.1.0.0/24"));
        }
        String nic = arm.createNic(rg, vm + "-nic", primary, vnet + "/subnets/default", "10.1.0." + host);
        String target = arm.createVm(rg, vm, primary, tOs, Map.of(0, tData), avset, List.of(nic),
                tags, "deallocated");
        // as the portal creates a VM: OS disk, NIC and public IP deleted with the VM, data disks kept
        arm.setDeleteOption(target, tOs, VmDeleteOptions.DELETE);
        arm.setDeleteOption(target, nic, VmDeleteOptions.DELETE);
        arm.attachNewPublicIp(nic, vm + "-ip", VmDeleteOptions.DELETE);
        arm.addExtension(target, "CustomScript", "Microsoft.Azure.Extensions", "CustomScript", "2.1",
                Map.of("commandToExecute", "echo hello"));

        String sOs = arm.createDisk(sub, rgAsr, vm + "-osdisk-asr", secondary, DISK_SIZE_GB, "Premium_LRS");
        String sData = arm.createDisk(sub, rgAsr, vm + "-datadisk-asr", secondary, DISK_SIZE_GB, "Premium_LRS");
        write(arm.blobOf(sOs), 0, pattern(1, WRITTEN_MIB * MIB));
        write(arm.blobOf(sData), 0, pattern(2, WRITTEN_MIB * MIB));
        write(arm.blobOf(sData), MIB, pattern(3, MIB));
        write(arm.blobOf(sData), LATE_WRITE_OFFSET, pattern(4, WRITTEN_MIB * MIB));
        String recoveryVmId = "/subscriptions/" + sub
                + "/resourceGroups/" + rgAsr + "/providers/Microsoft.Compute/virtualMachines/" + vm;
        if (shared) {
            vnetAsr = arm.createVirtualNetwork(sub, rgAsr, "app-vnet-asr", secondary, "10.2.0.0/16",
                    Map.of("default", "10.2.0.0/24"));
        }
        String nicAsr = arm.createNic(rgAsr, vm + "-nic-asr", secondary, vnetAsr + "/subnets/default", "10.2.0." + host);
        Map<String, String> sourceTags = new HashMap<>(tags);
        sourceTags.putAll(Map.of(TAG_SOURCE_VM, target, TAG_SOURCE_RG, rg, TAG_SOURCE_REGION, primary,
                TAG_FAILOVER_STATE, FailoverRecord.COMMITTED, TAG_RECOVERY_VM, recoveryVmId));
        String source = arm.createVm(rgAsr, vm, secondary, sOs, Map.of(0, sData), null, List.of(nicAsr),
                Map.copyOf(sourceTags), "running");

        return new DemoRegionPair(sub, primary, secondary, rg, rgAsr,
                source, List.of(sOs, sData), target, List.of(tOs, tData), avset, nic, vnet, testVnet);
    }

    /**
     * The ids of the demo in subscription {@code sub}, as {@link #seed} names them, without creating anything:
     * for a stand-in restored from its state file, whose resources may since have moved on (a failover, a
     * reprotect); callers look each id up.
     */
    public static DemoRegionPair idsOf(String sub) {
        String rg = "/subscriptions/" + sub + "/resourceGroups/app-rg/providers/";
        String rgAsr = "/subscriptions/" + sub + "/resourceGroups/app-rg-asr/providers/";
        String vm = "Microsoft.Compute/virtualMachines/app01";
        String disks = "Microsoft.Compute/disks/app01-";
        String vnet = "Microsoft.Network/virtualNetworks/";
        return new DemoRegionPair(sub, ArmStandIn.PRIMARY_REGION, ArmStandIn.SECONDARY_REGION, "app-rg", "app-rg-asr",
                rgAsr + vm, List.of(rgAsr + disks + "osdisk-asr", rgAsr + disks + "datadisk-asr"),
                rg + vm, List.of(rg + disks + "osdisk", rg + disks + "datadisk"),
                rg + "Microsoft.Compute/availabilitySets/app-avset", rg + "Microsoft.Network/networkInterfaces/app01-nic",
                rg + vnet + "app-vnet", rg + vnet + "app-vnet-test");
    }

    /** Deterministic bytes: the same seed always gives the same content. */
    public static byte[] pattern(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void write(PageBlobClient blob, long offset, byte[] data) {
        final int maxPut = 4 * MIB; // Put Page limit
        for (int done = 0; done < data.length; done += maxPut) {
            int n = Math.min(maxPut, data.length - done);
            blob.uploadPages(new PageRange().setStart(offset + done).setEnd(offset + done + n - 1),
                    new ByteArrayInputStream(data, done, n));
        }
    }
}
