package io.reprotect.failover;

import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.Lifecycle;
import io.reprotect.protection.LifecycleTable;
import io.reprotect.protection.Operation;
import io.reprotect.protection.ProtectedItem;
import java.util.List;

/**
 * A protected item's whole state as callers see it, in ASR's words: what it does now and what may be done
 * next. Derived from its {@link Lifecycle} only; {@code allowedOperations} is {@link LifecycleTable}'s answer,
 * which every call is checked against.
 *
 * @param lifecycleState    the kernel's state ({@link ItemStatus})
 * @param protectionState   {@code Protected}, {@code DisablingProtection}, {@code FailedOver} or
 *                          {@code FailoverCommitted}
 * @param activeLocation    {@code Recovery} (the VM runs in the secondary region) or {@code Primary}
 * @param failoverState     the failover's state, {@code None} while protected
 * @param failoverType      Planned or Unplanned while failed over
 * @param testFailoverState the drill's state
 * @param currentScenario   the operation in progress ({@code None} when none)
 * @param currentJobId      its job, or null
 * @param allowedOperations what may be started now
 */
public record ItemState(String lifecycleState, String protectionState, String activeLocation, String failoverState,
                        String failoverType, String testFailoverState, String currentScenario, String currentJobId,
                        List<String> allowedOperations) {

    public static final String NO_SCENARIO = "None";

    public ItemState {
        allowedOperations = List.copyOf(allowedOperations);
    }

    /**
     * The state of an item whose lifecycle is {@code l} and which runs at {@code protectedLocation} (Recovery,
     * or Primary for an item replicating PrimaryToRecovery) while protected; the other side once failed over.
     */
    public static ItemState of(Lifecycle l, String protectedLocation) {
        String other = ProtectedItem.PRIMARY.equals(protectedLocation) ? ProtectedItem.RECOVERY : ProtectedItem.PRIMARY;
        String location = l.status().failedOver() ? other : protectedLocation;
        Operation running = l.running() == null ? null : l.running().operation();
        return new ItemState(l.status().wireName(), l.status().protectionState(), location, l.status().failoverState(),
                l.failoverType(), l.drill().wireName(), running == null ? NO_SCENARIO : running.wireName(),
                l.runningJobId(), LifecycleTable.allowedNames(l));
    }

    /** A short description of the state for a 409. */
    public String describe() {
        return "lifecycle state " + lifecycleState + " (protectionState " + protectionState + ", failoverState "
                + failoverState + "), testFailoverState " + testFailoverState
                + (NO_SCENARIO.equals(currentScenario) ? "" : ", currentScenario " + currentScenario + " (job "
                + currentJobId + ")");
    }
}
