package io.reprotect.failover;

import io.reprotect.protection.Operation;
import io.reprotect.whatif.WhatIf;
import io.reprotect.whatif.WhatIfDraft;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The what-if of a test failover (a drill): the call's checks, then the VM, disks and NICs it would create apart. */
@ApplicationScoped
public class TestFailoverWhatIf {

    private final FailoverWhatIfs parts;
    private final DrillNetworkCheck drillNetworks;

    public TestFailoverWhatIf(FailoverWhatIfs parts, DrillNetworkCheck drillNetworks) {
        this.parts = parts;
        this.drillNetworks = drillNetworks;
    }

    public WhatIf evaluate(String itemId, String recoveryPoint, String networkId, boolean allowProductionNetwork,
            String idempotencyKey) {
        return evaluate(itemId, recoveryPoint, networkId, allowProductionNetwork, DrillKeep.NONE, idempotencyKey);
    }

    public WhatIf evaluate(String itemId, String recoveryPoint, String networkId, boolean allowProductionNetwork,
            DrillKeep keep, String idempotencyKey) {
        FailoverSource item = parts.item(itemId);
        Optional<WhatIf> repeat = parts.repeat("test-failover", item,
                FailoverWhatIfs.jobId("test-failover", itemId, idempotencyKey));
        if (repeat.isPresent()) {
            return repeat.get();
        }
        WhatIfDraft draft = new WhatIfDraft("test-failover", item.vmId());
        parts.allowed(draft, itemId, Operation.TEST_FAILOVER);
        FailoverPlan.Point point = parts.point(draft, item, recoveryPoint);
        String jobId = FailoverWhatIfs.jobId("test-failover", itemId, idempotencyKey);
        FailoverPlan plan = point == null ? null : draft.check("isolated-network", () -> {
            FailoverPlan planned = FailoverPlanner.testFailover(item, jobId, recoveryPoint, networkId,
                    allowProductionNetwork, keep);
            drillNetworks.requireIsolated(planned, networkId, allowProductionNetwork);
            return planned;
        });
        parts.vmFree(draft, itemId, item, true);
        if (draft.refused()) {
            return draft.build();
        }
        draft.noChange(item.vmId(), "Production untouched: replication keeps running; the drill VM runs in "
                + networkId);
        parts.createStages(draft, plan, point);
        FailoverWhatIfs.state(draft, itemId, "testFailoverState None -> WaitingForCleanup; allowed then: "
                + "TestFailoverCleanup");
        return draft.basis(FailoverWhatIfs.IMPORT_BASIS).build();
    }
}
