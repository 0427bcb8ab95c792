package io.reprotect.failover;

import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.replication.CycleInputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Planned failover, after its final replication cycle (the cycle's own stages, run after the source VM
 * was shut down): makes the recovery point that cycle took the one the VM is created from. If the cycle
 * could not take a point (source disks changed, access denied, snapshot limit) the failover fails here,
 * before anything is created: creating from an older point would lose what was written since, which a
 * planned failover promises not to do. Cancel starts the source VM again; an unplanned failover from a
 * chosen point remains possible.
 *
 * <p>Idempotency: reads the job's outputs and the item only; a rerun records the same point.
 */
@ApplicationScoped
public class UseFinalRecoveryPoint implements StageHandler {

    public static final String NAME = "use-final-recovery-point";
    private final ProtectedItemStore items;

    public UseFinalRecoveryPoint(ProtectedItemStore items) {
        this.items = items;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        FailoverPlan plan = FailoverStage.plan(context);
        Optional<CycleInputs.Aborted> aborted = context.output(CycleInputs.ABORTED, CycleInputs.Aborted.class);
        Optional<String> pointId = context.output(CycleInputs.RECOVERY_POINT, String.class);
        Optional<RecoveryPoint> point = pointId.flatMap(id -> items.get(plan.itemId())
                .flatMap(i -> i.replicaSet().recoveryPoints().stream().filter(p -> p.id().equals(id)).findFirst()));
        if (point.isEmpty()) {
            String why = aborted.map(CycleInputs.Aborted::reason).orElse("it took no recovery point");
            return Outcome.fail(JobError.of("FinalSyncFailed", "The final replication cycle after the shutdown "
                            + "could not complete: " + why + ". Nothing was created in the primary region.",
                    "The source VM's disks changed, access was denied, or the snapshot limit was reached.",
                    "Fix the cause and cancel the failover (it starts the source VM again), then retry; or run an "
                            + "unplanned failover from a recovery point, accepting the loss of later writes."));
        }
        return Outcome.next(Map.of(Outputs.RECOVERY_POINT, StageContext.json(point.get())));
    }
}
