package io.reprotect.failover;

import io.reprotect.cloud.Networks;
import io.reprotect.cloud.NicSpec;
import io.reprotect.cloud.PublicIpInfo;
import io.reprotect.cloud.SubnetInfo;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives the VM its NICs: the original NIC when it still exists and no VM uses it; otherwise a new NIC
 * (named after the job, tagged with it) in the planned subnet that keeps the original private IP when it is free
 * there (else a dynamic one) and the original public IP when it exists and is free; when it is not attached,
 * {@link FailoverOutputs#PUBLIC_IPS_NOT_ATTACHED} says which and why.
 *
 * <p>Each NIC created is recorded ({@link FailoverOutputs#CREATED_NICS}) before the next is created.
 *
 * <p>Idempotency: a NIC of the planned name is reused only when it is tagged with this job (and is in the planned
 * subnet); any other NIC of that name fails the stage and is left untouched. The NICs it created are recorded
 * apart from reused originals, so cleanup deletes only its own.
 */
@ApplicationScoped
public class AttachFailoverNetwork extends PlannedStage {

    public static final String NAME = "attach-failover-network";
    private final Networks networks;

    public AttachFailoverNetwork(Networks networks) {
        super(NAME);
        this.networks = networks;
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        String jobId = context.job().id();
        List<String> nics = new ArrayList<>();
        List<String> created = new ArrayList<>(context.get(FailoverOutputs.CREATED_NICS).orElse(List.of()));
        List<FailoverOutputs.PublicIpNotAttached> notAttached = new ArrayList<>();
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
            String nicId = nicId(plan, nic);
            Optional<Map<String, String>> existingTags = networks.findNicTags(nicId);
            if (existingTags.isPresent() && !Ownership.taggedFor(existingTags.get(), jobId)) {
                return Outcome.fail(Ownership.nameTaken("NIC " + nicId, "it is not tagged " + FailoverOutputs.TAG_JOB
                        + "=" + jobId));
            }
            String ip = existingTags.isEmpty() && nic.privateIp() != null
                    && networks.isPrivateIpFree(subnet.get().virtualNetworkId(), nic.privateIp()) ? nic.privateIp() : null;
            String publicIp = existingTags.isEmpty() ? attachablePublicIp(nic) : null;
            Map<String, String> tags = new HashMap<>(plan.tags());
            tags.put(FailoverOutputs.TAG_JOB, jobId);
            VmShape.Nic made = networks.createNic(new NicSpec(plan.resourceGroup(), nic.name(), plan.region(),
                    nic.subnetId(), ip, nic.networkSecurityGroupId(), nic.acceleratedNetworking(), tags, publicIp));
            publicIpNotAttached(nic, made).ifPresent(notAttached::add);
            nics.add(made.id());
            if (created.stream().noneMatch(made.id()::equalsIgnoreCase)) {
                created.add(made.id());
                if (nics.size() < plan.nics().size()) {
                    // saved before the next NIC is created; the next round reuses this one (tagged with the job)
                    return Outcome.continueLater(null, Duration.ZERO, null, FailoverOutputs.CREATED_NICS.of(created));
                }
            }
        }
        return Outcome.next(FailoverOutputs.NICS.of(nics), FailoverOutputs.CREATED_NICS.of(created),
                FailoverOutputs.PUBLIC_IPS_NOT_ATTACHED.of(notAttached));
    }

    /** The original public IP when it still exists and no IP configuration uses it, else null. */
    private String attachablePublicIp(FailoverPlan.NicPlan nic) {
        return nic.publicIpId() == null ? null
                : networks.findPublicIp(nic.publicIpId()).filter(PublicIpInfo::free).map(PublicIpInfo::id).orElse(null);
    }

    /** Why the NIC does not carry the public IP the original had, or empty when it does (or had none). */
    private Optional<FailoverOutputs.PublicIpNotAttached> publicIpNotAttached(FailoverPlan.NicPlan nic, VmShape.Nic made) {
        if (nic.publicIpId() == null || nic.publicIpId().equalsIgnoreCase(String.valueOf(made.publicIpId()))) {
            return Optional.empty();
        }
        Optional<PublicIpInfo> found = networks.findPublicIp(nic.publicIpId());
        String why = found.isEmpty() ? "the public IP no longer exists"
                : "the public IP is in use by " + found.get().ipConfigurationId();
        return Optional.of(new FailoverOutputs.PublicIpNotAttached(made.id(), nic.publicIpId(), why
                + "; the NIC was created without a public IP. Attach a public IP to it yourself if the VM must be "
                + "reachable from the internet."));
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

}
