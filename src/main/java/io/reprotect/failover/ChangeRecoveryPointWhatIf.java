package io.reprotect.failover;

import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Operation;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The what-if of changing the recovery point of a failover waiting for commit: remove, then create from the point. */
@ApplicationScoped
public class ChangeRecoveryPointWhatIf {

    private final FailoverWhatIfs parts;

    public ChangeRecoveryPointWhatIf(FailoverWhatIfs parts) {
        this.parts = parts;
    }

    public WhatIf evaluate(String itemId, String recoveryPoint, String idempotencyKey) {
        FailoverSource item = parts.item(itemId);
        Optional<WhatIf> repeat = parts.repeat("change-recovery-point", item,
                FailoverWhatIfs.jobId("change-recovery-point", itemId, idempotencyKey));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        WhatIfDraft draft = new WhatIfDraft("change-recovery-point", item.vmId());
        Lifecycle status = parts.allowed(draft, itemId,
                Operation.CHANGE_RECOVERY_POINT);
        FailoverPlan.Point point = parts.point(draft, item, recoveryPoint);
        String jobId = FailoverWhatIfs.jobId("change-recovery-point", itemId, idempotencyKey);
        FailoverPlan plan = status == null || point == null ? null : draft.check("vm-shape-captured", () ->
                FailoverPlanner.failover(item, jobId, status.failoverType(), recoveryPoint));
        parts.vmFree(draft, itemId, item, false);
        if (draft.refused()) {
            return draft.build();
        }
        parts.removeStage(draft, status.failoverJobIds(), "Failed-over (after the new point's disks are created)");
        parts.createStages(draft, plan, point, parts.vmOf(status.failoverJobId()), null);
        FailoverWhatIfs.state(draft, itemId, "recoveryPointId " + status.recoveryPointId() + " -> " + point.id()
                + "; lifecycle state " + status.status() + " -> ChangeRecoveryPointInProgress -> FailedOverPendingCommit "
                + "(ChangeRecoveryPointFailed if it fails after it started creating: commit is then refused)");
        return draft.basis(FailoverWhatIfs.IMPORT_BASIS).build();
    }
}
