package io.reprotect.failover;

import io.reprotect.job.JobError;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.replication.CycleInputs;
import jakarta.enterprise.context.ApplicationScoped;
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
public class UseFinalRecoveryPoint extends PlannedStage {

    public static final String NAME = "use-final-recovery-point";
    private final ProtectedItemStore items;

    public UseFinalRecoveryPoint(ProtectedItemStore items) {
        super(NAME);
        this.items = items;
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        Optional<CycleInputs.Aborted> aborted = context.get(CycleInputs.ABORTED);
        Optional<String> pointId = context.get(CycleInputs.RECOVERY_POINT);
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
        return Outcome.next(Outputs.RECOVERY_POINT.of(point.get()));
    }
}
