package io.reprotect.failover;

import io.reprotect.cloud.VirtualMachines;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Cancel of a planned failover: starts the VM in the secondary region again, as it ran before.
 * Skipped for an unplanned failover (which never stopped it).
 *
 * <p>Idempotency: starting a running VM succeeds.
 */
@ApplicationScoped
public class RestartSourceVm implements StageHandler {

    public static final String NAME = "restart-source-vm";
    private final VirtualMachines vms;

    public RestartSourceVm(VirtualMachines vms) {
        this.vms = vms;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        FailoverPlan plan = FailoverStage.plan(context);
        if (!plan.planned() || vms.find(plan.sourceVmId()).isEmpty()) {
            return Outcome.skipped(Map.of());
        }
        vms.start(plan.sourceVmId());
        return Outcome.next();
    }
}
