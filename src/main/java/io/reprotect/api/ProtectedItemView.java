package io.reprotect.api;

import io.reprotect.failover.ItemState;
import io.reprotect.protection.Health;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.ItemPlacement;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.request.ReplicationPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A protected item as callers see it, in Azure Site Recovery's vocabulary: its whole state, failover and
 * drill included ({@link ItemState}), so {@code allowedOperations} is what every call is checked against. {@code failoverDirection} is
 * the way it replicates ({@code RecoveryToPrimary}: replicas in {@code primaryRegion}; {@code
 * PrimaryToRecovery} after a reprotect back: replicas in {@code recoveryRegion}); a failover goes to
 * the replicas' region.
 */
public record ProtectedItemView(String id, String vmId, String lifecycleState, String protectionState, String activeLocation,
        String replicationHealth, List<HealthError> healthErrors, Long rpoInSeconds, Instant lastRpoCalculatedTime,
        List<String> allowedOperations, String currentScenario, String currentJobId, String failoverState,
        String failoverType, String testFailoverState, ReplicationPolicy policy, String primaryRegion,
        List<Outputs.Replica> replicas, PrimarySide primarySide, int recoveryPointCount,
        RecoveryPoint latestRecoveryPoint, Instant lastSuccessfulCycleTime, Instant nextCycleTime, String nextCycleJobId,
        String reprotectJobId, Instant protectedAt, String failoverDirection, String recoveryRegion) {

    /** The primary-side resources failback uses. */
    public record PrimarySide(String targetResourceGroup, String targetResourceGroupId, Outputs.AccountRef targetStorageAccount,
            Outputs.AccountRef cacheStorageAccount, String availabilitySetId) {

        static PrimarySide of(ItemPlacement at) {
            return new PrimarySide(at.targetResourceGroup(), at.targetResourceGroupId(), at.targetStorageAccount(),
                    at.cacheStorageAccount(), at.availabilitySetId());
        }
    }

    public static ProtectedItemView of(ProtectedItem item, ItemState state, Instant now, ProtectionConfig config) {
        ProtectedItem.CycleStatus cycle = item.cycle() == null ? ProtectedItem.CycleStatus.none() : item.cycle();
        ItemPlacement at = item.placement();
        return new ProtectedItemView(item.id(), item.vmId(), state.lifecycleState(), state.protectionState(),
                state.activeLocation(),
                Health.of(item, now, config), item.health().healthErrors(), Health.rpoSeconds(item, now), now,
                state.allowedOperations(), state.currentScenario(), state.currentJobId(), state.failoverState(),
                state.failoverType(), state.testFailoverState(), item.policy(), at.primaryRegion(),
                item.replicaSet().replicas(), PrimarySide.of(at),
                item.replicaSet().recoveryPoints().size(), item.latestRecoveryPoint().orElse(null),
                cycle.lastSuccessfulCycleTime(), cycle.nextCycleTime(), cycle.nextCycleJobId(),
                item.origin().reprotectJobId(), item.origin().protectedAt(), at.direction(), at.recoveryRegion());
    }
}
