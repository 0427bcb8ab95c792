package io.reprotect.failover;

import io.reprotect.cloud.Networks;
import io.reprotect.cloud.NicSpec;
import io.reprotect.cloud.SubnetInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives the VM its NICs: the original NIC when it still exists and no VM uses it; otherwise a new NIC
 * in the planned subnet that keeps the original private IP when it is free there (else a dynamic one).
 *
 * <p>Idempotency: NICs are created by name, and a NIC of that name in the same subnet is reused; the
 * NICs it created are recorded apart from reused ones, so cleanup deletes only its own.
 */
@ApplicationScoped
public class AttachFailoverNetwork implements StageHandler {

    public static final String NAME = "attach-failover-network";
    private final Networks networks;

    public AttachFailoverNetwork(Networks networks) {
        this.networks = networks;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        FailoverPlan plan = FailoverStage.plan(context);
        List<String> nics = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (FailoverPlan.NicPlan nic : plan.nics()) {
            Optional<VmShape.Nic> original = reusable(networks, nic, null);
            if (original.isPresent()) {
                nics.add(original.get().id());
                continue;
            }
            Optional<SubnetInfo> subnet = networks.findSubnet(nic.subnetId());
            if (subnet.isEmpty()) {
                return Outcome.fail(subnetNotFound(nic));
            }
            String ip = nic.privateIp() != null && networks.isPrivateIpFree(subnet.get().virtualNetworkId(), nic.privateIp())
                    ? nic.privateIp() : null;
            Map<String, String> tags = new HashMap<>(plan.tags());
            tags.put(FailoverOutputs.TAG_JOB, context.job().id());
            VmShape.Nic made = networks.createNic(new NicSpec(plan.resourceGroup(), nic.name(), plan.region(),
                    nic.subnetId(), ip == null ? reusedIp(nic, plan, context) : ip, nic.networkSecurityGroupId(),
                    nic.acceleratedNetworking(), tags));
            nics.add(made.id());
            created.add(made.id());
        }
        return Outcome.next(Map.of(FailoverOutputs.NICS, StageContext.json(nics),
                FailoverOutputs.CREATED_NICS, StageContext.json(created)));
    }

    /** The original NIC when it still exists and no VM uses it ({@code goneVmId}: a VM about to be deleted). */
    static Optional<VmShape.Nic> reusable(Networks networks, FailoverPlan.NicPlan nic, String goneVmId) {
        return (nic.reuseNicId() == null ? Optional.<VmShape.Nic>empty() : networks.findNic(nic.reuseNicId()))
                .filter(n -> n.attachedVmId() == null || n.attachedVmId().equalsIgnoreCase(String.valueOf(goneVmId)));
    }

    static JobError subnetNotFound(FailoverPlan.NicPlan nic) {
        return JobError.of("SubnetNotFound", "Subnet " + nic.subnetId() + " for NIC " + nic.name()
                + " was not found.", "The virtual network or subnet was deleted or renamed.",
                "Create the subnet, or give a network mapping to an existing subnet.");
    }

    /** The id of a NIC the stage creates: in the plan's group, in the subscription of its subnet. */
    static String nicId(FailoverPlan plan, FailoverPlan.NicPlan nic) {
        return "/subscriptions/" + nic.subnetId().split("/")[2] + "/resourceGroups/" + plan.resourceGroup()
                + "/providers/Microsoft.Network/networkInterfaces/" + nic.name();
    }

    /** A rerun finds its own NIC holding the IP: keep asking for that IP, not a dynamic one. */
    private String reusedIp(FailoverPlan.NicPlan nic, FailoverPlan plan, StageContext context) {
        return networks.findNic(nicId(plan, nic)).map(VmShape.Nic::privateIp).filter(ip -> ip.equals(nic.privateIp())).orElse(null);
    }

}
