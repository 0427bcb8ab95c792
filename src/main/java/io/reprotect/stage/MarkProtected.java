package io.reprotect.stage;

import io.reprotect.job.Job;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.replication.CycleScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Marks the VM protected: writes its protected item (replicas, policy, the first recovery point,
 * the base snapshots, the primary-side resources) and schedules its first replication cycle, which
 * takes the VM over from this job.
 *
 * <p>Idempotency: the item is rewritten whole from the job's outputs (a rerun writes the same) and
 * the first cycle's job id derives from this job, so a rerun finds it.
 */
@ApplicationScoped
public class MarkProtected implements StageHandler {

    /** The stage's name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "protect";
    public static final String PROTECTED = ProtectedItem.PROTECTED;
    /** Output: the protected item's id ({@code GET /api/protected-items/{id}}). */
    public static final String PROTECTED_ITEM_ID = "protectedItemId";

    private final ProtectedItemStore items;
    private final CycleScheduler cycles;
    private final Clock clock;

    public MarkProtected(ProtectedItemStore items, CycleScheduler cycles, Clock clock) {
        this.items = items;
        this.cycles = cycles;
        this.clock = clock;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        Job job = context.job();
        Instant protectedAt = context.task().startTime() == null ? clock.instant() : context.task().startTime();
        ProtectedItem item = new ProtectedItem(ProtectedItemStore.idOf(job.vmId()), job.vmId(), PROTECTED,
                ProtectedItem.RECOVERY, job.request().primaryRegion(), job.request().replicationPolicy(),
                context.output(Outputs.TARGET_RESOURCE_GROUP, String.class).orElse(null),
                context.output(Outputs.TARGET_RESOURCE_GROUP_ID, String.class).orElse(null),
                context.output(Outputs.TARGET_STORAGE_ACCOUNT, Outputs.AccountRef.class).orElseThrow(),
                context.output(Outputs.CACHE_STORAGE_ACCOUNT, Outputs.AccountRef.class).orElse(null),
                context.output(Outputs.AVAILABILITY_SET, String.class).orElse(null),
                Arrays.asList(context.output(Outputs.REPLICAS, Outputs.Replica[].class).orElseThrow()),
                Arrays.asList(context.output(ResyncDisks.SOURCE_SNAPSHOTS, String[].class).orElse(new String[0])),
                List.of(), List.of(context.output(Outputs.RECOVERY_POINT, RecoveryPoint.class).orElseThrow()),
                List.of(), ProtectedItem.CycleStatus.none(), job.id(), protectedAt,
                context.output(Outputs.TARGET_VM_SHAPE, io.reprotect.cloud.VmShape.class).orElse(null), List.of());
        Instant due = io.reprotect.replication.CycleSlots.next(item.id(), cycles.frequency(item), protectedAt);
        String firstCycle = cycles.schedule(item, 1, due, job.id()).id();
        items.put(item.withCycle(new ProtectedItem.CycleStatus(1, firstCycle, due, protectedAt, 0L, protectedAt)));
        return Outcome.next(Map.of(Outputs.PROTECTION_STATE, StageContext.json(PROTECTED),
                PROTECTED_ITEM_ID, StageContext.json(item.id())));
    }
}
