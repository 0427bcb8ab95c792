package io.reprotect.replication;

import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.HealthErrors;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import java.util.Map;
import java.util.Optional;

/**
 * What every cycle stage does first: find the item, and skip when an earlier stage aborted the
 * cycle or protection is being disabled.
 */
abstract class CycleStage extends NamedStage {

    protected final ProtectedItemStore items;

    protected CycleStage(String name, ProtectedItemStore items) {
        super(name);
        this.items = items;
    }

    @Override
    public Outcome execute(StageContext context) {
        if (context.get(CycleInputs.ABORTED).isPresent()) {
            return Outcome.skipped(Map.of());
        }
        CycleInputs.Cycle cycle = context.require(CycleInputs.CYCLE);
        Optional<ProtectedItem> item = items.get(cycle.itemId());
        // a cycle runs while the item is protected; a planned failover runs its own final cycle
        if (item.isEmpty() || !item.get().isProtected() && !item.get().lifecycle().runs(context.job().id())) {
            return Outcome.skipped(CycleInputs.ABORTED.of(
                    new CycleInputs.Aborted("protection is not enabled on the item any more", null)));
        }
        return run(context, cycle, item.get());
    }

    /** The stage's work on a protected item. */
    protected abstract Outcome run(StageContext context, CycleInputs.Cycle cycle, ProtectedItem item);

    /** Ends the cycle early: records the health error on the item; the last stage still schedules the next cycle. */
    protected Outcome abort(ProtectedItem item, HealthError error) {
        items.change(item.id(), i -> i.withHealthErrors(HealthErrors.with(i.health().healthErrors(),
                error)));
        return Outcome.skipped(CycleInputs.ABORTED.of(new CycleInputs.Aborted(error.message(), error)));
    }
}
