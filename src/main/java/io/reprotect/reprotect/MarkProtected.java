package io.reprotect.reprotect;

import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.ItemPlacement;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionOrigin;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.protection.ReplicaSet;
import io.reprotect.protection.ReplicationHealth;
import io.reprotect.replication.CycleScheduler;
import io.reprotect.replication.CycleSlots;
import io.reprotect.request.AzureRegions;
import io.reprotect.request.ReprotectRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Marks the VM protected: writes its protected item (replicas, policy, the first recovery point,
 * the base snapshots, the primary-side resources) and schedules its first replication cycle, which
 * takes the VM over from this job.
 *
 * <p>A reprotect that reverses an item after a committed failover rewrites that item in its new
 * direction (its VM now the one the failover created, its replicas in the other region), removes what
 * the previous direction left ({@link PreviousProtection}) and sets the failover state back to none:
 * failovers are allowed again, toward the replicas' region.
 *
 * <p>Idempotency: every write is conditional on what the stage expects to find: a first protection creates the
 * item only if there is none (If-None-Match), a reversal rewrites it only while it is FailoverCommitted; a rerun
 * that finds the item already this job's leaves it as it is (cycles may have moved it on since). The first
 * cycle's job id derives from this job, so a rerun finds it.
 */
@ApplicationScoped
public class MarkProtected extends NamedStage {

    /** The stage's name in {@link Workflows}. */
    public static final String NAME = "protect";
    public static final String PROTECTED = ProtectedItem.PROTECTED;
    /** Output: the protected item's id ({@code GET /api/protected-items/{id}}). */
    public static final OutputKey<String> PROTECTED_ITEM_ID = OutputKey.named("protectedItemId", String.class);

    private final ProtectedItemStore items;
    private final CycleScheduler cycles;
    private final Clock clock;
    private final PreviousProtection previous;

    public MarkProtected(ProtectedItemStore items, CycleScheduler cycles, Clock clock, PreviousProtection previous) {
        super(NAME);
        this.items = items;
        this.cycles = cycles;
        this.clock = clock;
        this.previous = previous;
    }

    private static PermanentStageException notWritten(String itemId, String why) {
        return new PermanentStageException(JobError.of("ProtectedItemChanged", "The protected item " + itemId
                + " was not written: " + why + ".", "Another operation on the VM ran while this reprotect did.",
                "Read the item (GET /api/protected-items/" + itemId + ") before reprotecting again."));
    }

    @Override
    public Outcome execute(StageContext context) {
        Job job = context.job();
        Instant protectedAt = context.task().startTime() == null ? clock.instant() : context.task().startTime();
        // a reprotect that reverses an item rewrites that item; its VM is the one the failover created
        Optional<String> reversed = context.get(Outputs.REPROTECTED_ITEM);
        Optional<Outputs.VmSummary> source = context.get(Outputs.SOURCE_VM);
        String itemId = reversed.orElseGet(() -> ProtectedItemStore.idOf(job.vmId()));
        String vmId = reversed.isPresent() ? source.orElseThrow().id() : job.vmId();
        ReprotectRequest request = ReprotectRequest.of(job);
        String direction = request.failoverDirection() == null ? ReprotectRequest.RECOVERY_TO_PRIMARY
                : request.failoverDirection();
        boolean fromPrimary = ReprotectRequest.PRIMARY_TO_RECOVERY.equals(direction);
        String recoveryRegion = fromPrimary ? context.require(Outputs.TARGET_REGION)
                : source.map(s -> AzureRegions.normalize(s.region())).orElse(null);
        ProtectedItem item = new ProtectedItem(itemId, vmId, Lifecycle.protectedNow(job.id()),
                new ItemPlacement(fromPrimary ? ProtectedItem.PRIMARY : ProtectedItem.RECOVERY, direction,
                        request.primaryRegion(), recoveryRegion,
                        context.get(Outputs.TARGET_RESOURCE_GROUP).orElse(null),
                        context.get(Outputs.TARGET_RESOURCE_GROUP_ID).orElse(null),
                        context.require(Outputs.TARGET_STORAGE_ACCOUNT),
                        context.get(Outputs.CACHE_STORAGE_ACCOUNT).orElse(null),
                        context.get(Outputs.AVAILABILITY_SET).orElse(null)),
                request.replicationPolicy(),
                new ReplicaSet(context.require(Outputs.REPLICAS),
                        context.get(ResyncDisks.SOURCE_SNAPSHOTS).orElse(List.of()),
                        List.of(), List.of(context.require(Outputs.RECOVERY_POINT))),
                ReplicationHealth.none(), ProtectedItem.CycleStatus.none(),
                new ProtectionOrigin(job.id(), protectedAt, context.get(Outputs.TARGET_VM_SHAPE).orElse(null)));
        Instant due = CycleSlots.next(item.id(), cycles.frequency(item), protectedAt);
        ProtectedItem written = item.withCycle(new ProtectedItem.CycleStatus(1, cycles.cycleId(item, 1), due, protectedAt,
                0L, protectedAt));
        if (reversed.isPresent()) {
            // the committed item becomes this protection; written only while it is still committed
            items.change(itemId, old -> {
                if (job.id().equals(old.origin().reprotectJobId())) {
                    return old; // a rerun after the item was written: keep what cycles did since
                }
                if (old.lifecycle().status() != ItemStatus.FAILOVER_COMMITTED) {
                    throw notWritten(itemId, "it is in " + old.lifecycle().describe());
                }
                previous.remove(old, item);
                return written;
            }).orElseThrow(() -> notWritten(itemId, "it was removed"));
        } else if (!items.create(written)) {
            ProtectedItem existing = items.get(itemId).orElseThrow(() -> notWritten(itemId, "it changed meanwhile"));
            if (!job.id().equals(existing.origin().reprotectJobId())) {
                throw notWritten(itemId, "another protection (job " + existing.origin().reprotectJobId() + ") wrote it");
            }
        }
        cycles.schedule(item, 1, due, job.id());
        // the VM keeps its item whichever of its two VMs runs: find it by either id
        items.putAlias(vmId, itemId);
        if (item.failoverVmId() != null) {
            items.putAlias(item.failoverVmId(), itemId);
        }
        return Outcome.next(Outputs.PROTECTION_STATE.of(PROTECTED), PROTECTED_ITEM_ID.of(item.id()));
    }
}
