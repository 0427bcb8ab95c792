package io.reprotect.replication;

import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RpoSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Last stage of every cycle, also of one that stopped early: records the RPO and the health the
 * cycle saw, and schedules the next cycle (unless protection is being disabled or is gone). A
 * cycle that took a recovery point clears the health errors of earlier cycles: health returns to
 * Normal on its own once the cause is gone. Each cycle adds one sample to the item's RPO history
 * ({@link RpoSample}, bounded), which the console charts.
 *
 * <p>Its write ends the cycle on the item: the next cycle's number and due time, and no cycle in flight (a fleet
 * turn's claim ends with it). The next cycle runs in a tick of the item's shard ({@link CycleScheduler}).
 *
 * <p>Idempotency: the next cycle's job id derives from the item and the cycle number, so a rerun
 * finds the job it created; the item update is a pure function of the job's outputs (a rerun recomputes
 * its cycle's RPO sample in place, it adds none).
 */
@ApplicationScoped
public class ScheduleNextCycle extends NamedStage {

    public static final String NAME = "schedule-next-cycle";
    /** Job output: the next cycle's job id, or why there is none. */
    static final OutputKey<String> NEXT_CYCLE = OutputKey.named("nextCycle", String.class);

    private final ProtectedItemStore items;
    private final CycleScheduler scheduler;
    private final Clock clock;

    public ScheduleNextCycle(ProtectedItemStore items, CycleScheduler scheduler, Clock clock) {
        super(NAME);
        this.items = items;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public Outcome execute(StageContext context) {
        CycleInputs.Cycle cycle = context.require(CycleInputs.CYCLE);
        Optional<ProtectedItem> item = items.get(cycle.itemId());
        if (item.isEmpty() || !item.get().isProtected()) {
            return Outcome.next(NEXT_CYCLE.of("none: protection is not enabled"));
        }
        Instant now = clock.instant();
        boolean tookPoint = context.get(CycleInputs.ABORTED).isEmpty();
        Instant startedAt = context.job().task(SnapshotSourceDisks.NAME).map(t -> t.startTime()).orElse(now);
        // each item keeps its own slot in the interval, so many items do not fire together (CycleSlots)
        Instant due = CycleSlots.next(item.get().id(), scheduler.frequency(item.get()), now);
        CycleScheduler.Scheduled next = scheduler.schedule(item.get(), cycle.number() + 1, due, context.job().id());
        Optional<ProtectedItem> changed = items.change(cycle.itemId(), i -> {
            Instant newest = i.latestRecoveryPoint().map(p -> p.time()).orElse(null);
            Long rpoSeconds = newest == null ? null : Math.max(0, now.getEpochSecond() - newest.getEpochSecond());
            List<HealthError> errors = tookPoint
                    ? i.health().healthErrors().stream().filter(e -> !e.since().isBefore(startedAt)).toList()
                    : i.health().healthErrors();
            return i.withHealthErrors(errors).withRpoSample(new RpoSample(cycle.number(), now, rpoSeconds, tookPoint))
                    .withCycle(new ProtectedItem.CycleStatus(cycle.number() + 1, next.id(),
                    due, tookPoint ? now : i.cycle().lastSuccessfulCycleTime(), rpoSeconds, now, next.shard(), null));
        });
        changed.filter(i -> i.cycle().lastRpoSeconds() != null).ifPresent(i -> context.meters()
                .recoveryPointObjective(i.id(), i.vmId(), i.cycle().lastRpoSeconds()));
        return Outcome.next(NEXT_CYCLE.of(next.id()));
    }
}
