package io.reprotect.plan;

import io.reprotect.failover.FailoverPlan;
import io.reprotect.failover.FailoverService;
import io.reprotect.failover.FailoverWhatIf;
import io.reprotect.failover.TestFailoverWhatIf;
import io.reprotect.failover.CancelFailoverWhatIf;
import io.reprotect.failover.CommitFailoverWhatIf;
import io.reprotect.failover.TestFailoverCleanupWhatIf;
import io.reprotect.job.JobError;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import io.reprotect.job.VmBusyException;
import io.reprotect.protection.AlreadyProtectedException;
import io.reprotect.protection.DrillStatus;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.reprotect.ReprotectService;
import io.reprotect.reprotect.ReprotectWhatIf;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.RequestParser;
import io.reprotect.whatif.WhatIf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The plan's item jobs through the services a single-item call uses: {@link FailoverService} for failovers, drills,
 * commit and cancel, {@link ReprotectService} for reprotect (its request built from the item: the item's VM, the
 * direction opposite to the item's, its primary region), and the single-item what-ifs.
 */
@ApplicationScoped
public class ServiceItemJobs implements ItemJobs {

    private final FailoverService failovers;
    private final ReprotectService reprotects;
    private final ItemLifecycle lifecycle;
    private final JobStore store;
    private final Supplier<WhatIfs> whatIfs;

    @Inject
    public ServiceItemJobs(FailoverService failovers, ReprotectService reprotects, ItemLifecycle lifecycle,
            JobStore store, Instance<WhatIfs> whatIfs) {
        this(failovers, reprotects, lifecycle, store, (Supplier<WhatIfs>) whatIfs::get);
    }

    /** @param whatIfs the single-item what-ifs, looked up only when a plan's what-if is asked */
    public ServiceItemJobs(FailoverService failovers, ReprotectService reprotects, ItemLifecycle lifecycle,
            JobStore store, Supplier<WhatIfs> whatIfs) {
        this.failovers = failovers;
        this.reprotects = reprotects;
        this.lifecycle = lifecycle;
        this.store = store;
        this.whatIfs = whatIfs;
    }

    /** The single-item what-ifs (they call Azure, so only the what-if of a plan reaches them). */
    @ApplicationScoped
    public static class WhatIfs {
        final FailoverWhatIf failover;
        final TestFailoverWhatIf drill;
        final TestFailoverCleanupWhatIf cleanup;
        final CommitFailoverWhatIf commit;
        final CancelFailoverWhatIf cancel;
        final ReprotectWhatIf reprotect;

        public WhatIfs(FailoverWhatIf failover, TestFailoverWhatIf drill, TestFailoverCleanupWhatIf cleanup,
                CommitFailoverWhatIf commit, CancelFailoverWhatIf cancel, ReprotectWhatIf reprotect) {
            this.failover = failover;
            this.drill = drill;
            this.cleanup = cleanup;
            this.commit = commit;
            this.cancel = cancel;
            this.reprotect = reprotect;
        }
    }

    @Override
    public Optional<String> refusal(String itemId, PlanOperation operation) {
        Optional<ProtectedItem> item = lifecycle.get(itemId);
        if (item.isEmpty()) {
            return Optional.of("no protected item " + itemId + " (disabled or removed since the plan was written)");
        }
        Lifecycle state = item.get().lifecycle();
        if (LifecycleTable.allowed(state).contains(operation.itemOperation())) {
            return Optional.empty();
        }
        return Optional.of(operation.itemOperation() + " is not allowed while the item is in " + state.describe()
                + "; allowed now: " + String.join(", ", LifecycleTable.allowedNames(state)));
    }

    @Override
    public boolean nothingToDo(String itemId, PlanOperation operation) {
        Optional<Lifecycle> state = lifecycle.get(itemId).map(ProtectedItem::lifecycle);
        return switch (operation) {
            case CANCEL -> state.map(l -> l.status() == ItemStatus.PROTECTED).orElse(false);
            case TEST_FAILOVER_CLEANUP -> state.map(l -> l.drill() == DrillStatus.NONE).orElse(false);
            default -> false;
        };
    }

    @Override
    public List<RecoveryPoint> recoveryPoints(String itemId) {
        return lifecycle.get(itemId).map(i -> i.replicaSet().recoveryPoints()).orElse(List.of());
    }

    @Override
    public String failoverRegion(String itemId) {
        return lifecycle.get(itemId).map(i -> i.placement().replicaRegion()).orElse(null);
    }

    @Override
    public void start(String itemId, ItemStart start) {
        try {
            switch (start.operation()) {
                case TEST_FAILOVER -> failovers.testFailover(itemId, start.recoveryPointId(), start.networkId(),
                        start.allowProductionNetwork(), start.jobId());
                case TEST_FAILOVER_CLEANUP -> failovers.testFailoverCleanup(itemId, start.jobId());
                case PLANNED_FAILOVER -> failovers.failover(itemId, FailoverPlan.PLANNED, null, start.jobId());
                case UNPLANNED_FAILOVER -> failovers.failover(itemId, FailoverPlan.UNPLANNED, start.recoveryPointId(),
                        start.jobId());
                case COMMIT -> failovers.commit(itemId, start.jobId());
                case CANCEL -> failovers.cancel(itemId, start.jobId());
                case REPROTECT -> reprotects.submit(start.jobId(), reprotectRequest(itemId));
                default -> throw new IllegalArgumentException("unknown plan operation " + start.operation());
            }
        } catch (OperationNotAllowedException | VmBusyException | InvalidRequestException
                 | AlreadyProtectedException | ItemLifecycle.ItemNotFoundException e) {
            throw new ItemRefusedException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<ItemJob> job(String jobId) {
        return store.get(jobId).map(Versioned::value).map(job -> new ItemJob(job.state(), job.tasks().stream()
                .flatMap(t -> t.errors().stream()).reduce((a, b) -> b).map(ServiceItemJobs::describe).orElse(null)));
    }

    private static String describe(JobError error) {
        return error.code() + ": " + error.message();
    }

    @Override
    public WhatIf whatIf(String itemId, ItemStart start) {
        WhatIfs w = whatIfs.get();
        return switch (start.operation()) {
            case TEST_FAILOVER -> w.drill.evaluate(itemId, start.recoveryPointId(), start.networkId(),
                    start.allowProductionNetwork(), null);
            case TEST_FAILOVER_CLEANUP -> w.cleanup.evaluate(itemId, null);
            case PLANNED_FAILOVER -> w.failover.evaluate(itemId, FailoverPlan.PLANNED, null, null);
            case UNPLANNED_FAILOVER -> w.failover.evaluate(itemId, FailoverPlan.UNPLANNED, start.recoveryPointId(), null);
            case COMMIT -> w.commit.evaluate(itemId, null);
            case CANCEL -> w.cancel.evaluate(itemId, null);
            case REPROTECT -> w.reprotect.evaluate(reprotectRequest(itemId));
        };
    }

    /** Reprotect of a committed item: its VM, back the other way, to the same primary region. */
    private ReprotectRequest reprotectRequest(String itemId) {
        ProtectedItem item = lifecycle.get(itemId).orElseThrow(() -> new ItemLifecycle.ItemNotFoundException(itemId));
        String json = "{\"vmId\": \"" + item.vmId() + "\", \"failoverDirection\": \""
                + ReprotectRequest.reverse(item.placement().direction()) + "\", \"primaryRegion\": \""
                + item.placement().primaryRegion() + "\"}";
        return new RequestParser().parse(json);
    }
}
