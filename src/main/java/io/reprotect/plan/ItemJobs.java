package io.reprotect.plan;

import io.reprotect.job.JobState;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.whatif.WhatIf;
import java.util.List;
import java.util.Optional;

/**
 * The single-item jobs a plan job runs, through the services a single-item call uses (so every lifecycle rule and
 * safety check of a single item holds in a plan). A port, so the plan's order and bounds are testable without Azure.
 */
public interface ItemJobs {

    /**
     * Whether {@code operation} has nothing to undo on the item: a cancel of an item that was never failed over, or a
     * cleanup of one without a drill (the groups after the one that stopped a plan). Such items are skipped.
     */
    boolean nothingToDo(String itemId, PlanOperation operation);

    /** Why the item's state does not allow {@code operation} now (or there is no such item); empty when it does. */
    Optional<String> refusal(String itemId, PlanOperation operation);

    /** The item's recovery points (empty when none or no such item). */
    List<RecoveryPoint> recoveryPoints(String itemId);

    /** The region a failover or drill of the item creates its VM in. */
    String failoverRegion(String itemId);

    /**
     * Starts the item's job; idempotent on {@code start.jobId()} (a second call returns the job the first started).
     *
     * @throws ItemRefusedException the item's state, the VM's other job or the options refused it; nothing started
     */
    void start(String itemId, ItemStart start);

    /** Where the job stands; empty when there is no such job. */
    Optional<ItemJob> job(String jobId);

    /** What the item's job would do, without starting it. */
    WhatIf whatIf(String itemId, ItemStart start);

    /**
     * What a plan asks of one item.
     *
     * @param operation the operation
     * @param jobId the id of the item's job (derived from the plan job's, so a repeated start finds it)
     * @param recoveryPointId the point to create from, or null for the item's own choice (its latest)
     * @param networkId the drill network, for a test failover
     * @param allowProductionNetwork as the single-item drill
     */
    record ItemStart(PlanOperation operation, String jobId, String recoveryPointId, String networkId,
            boolean allowProductionNetwork) {
    }

    /**
     * An item's job as the plan sees it.
     *
     * @param state its state
     * @param error its last error's code and message, when it failed
     */
    record ItemJob(JobState state, String error) {
    }

    /** The item's job was refused before it started; the message says why. */
    class ItemRefusedException extends RuntimeException {
        public ItemRefusedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
