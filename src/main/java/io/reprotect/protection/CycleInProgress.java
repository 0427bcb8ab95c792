package io.reprotect.protection;

import io.reprotect.job.Job;
import java.time.Instant;

/**
 * Where a fleet replication cycle of the item stands between two turns (stored inside the item's
 * {@link ProtectedItem.CycleStatus}; absent when no cycle is in flight): the cycle as an in-memory job (its
 * stages, outputs and the checkpoint of the stage in work), when it may go on, and the turn that runs it now.
 *
 * @param job the cycle: tasks, outputs, checkpoint of the stage in work; its pending message names the stage
 *        and the time it may go on
 * @param resumeAt when the shard's next tick may go on with it (an Azure operation in flight, a retry's backoff,
 *        a tick that ran out of time: now)
 * @param turnOwner the tick running it now, or null between turns
 * @param turnUntil until when that tick's claim holds; a claim past it is stale (the tick died) and may be taken
 */
public record CycleInProgress(Job job, Instant resumeAt, String turnOwner, Instant turnUntil) {

    /** Prefix of the holder id a lifecycle job waits for while a fleet turn runs the item's cycle. */
    public static final String TURN_HOLDER_PREFIX = "cycle-turn:";

    /** True while a tick runs the cycle: the claim is there and has not expired. */
    public boolean turnLive(Instant now) {
        return turnOwner != null && turnUntil != null && turnUntil.isAfter(now);
    }

    /** The same cycle between turns: no tick claims it. */
    public CycleInProgress released(Job value, Instant resume) {
        return new CycleInProgress(value, resume, null, null);
    }

    /** The holder id a lifecycle job taking the item over waits for (see {@code LifecycleJobs}). */
    public static String turnHolder(String itemId) {
        return TURN_HOLDER_PREFIX + itemId;
    }
}
