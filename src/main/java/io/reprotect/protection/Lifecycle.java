package io.reprotect.protection;

import java.util.ArrayList;
import java.util.List;

/**
 * A protected item's lifecycle state, stored inside the item (one blob, changed If-Match) and moved only by
 * {@link LifecycleTable}.
 *
 * @param status          where the item stands
 * @param drill           where its test failover stands
 * @param failoverType    Planned or Unplanned, from a failover's start until the item is protected again
 * @param failoverJobIds  the jobs whose VM, disks and NICs make up the failed-over side, oldest first (one
 *                        normally; a failed change of recovery point adds its own); the last one's VM is the
 *                        failed-over VM
 * @param recoveryPointId the point the failed-over VM was created from
 * @param drillJobId      the drill whose resources a cleanup removes
 * @param running         the lifecycle job in flight, or null
 * @param lastJobId       the lifecycle job that moved the item last; a failed job may be resumed only while it
 *                        is still this one (nothing ran since)
 */
public record Lifecycle(ItemStatus status, DrillStatus drill, String failoverType, List<String> failoverJobIds,
                        String recoveryPointId, String drillJobId, RunningJob running, String lastJobId) {

    public Lifecycle {
        status = status == null ? ItemStatus.PROTECTED : status;
        drill = drill == null ? DrillStatus.NONE : drill;
        failoverJobIds = failoverJobIds == null ? List.of() : List.copyOf(failoverJobIds);
    }

    /**
     * The job in flight.
     *
     * @param jobId     its id
     * @param operation what it carries out
     * @param from      the status it started from (a failure before it changed anything returns there)
     * @param fromDrill the drill status it started from
     */
    public record RunningJob(String jobId, Operation operation, ItemStatus from, DrillStatus fromDrill) {
    }

    /** A VM just protected: replicating, no failover, no drill. */
    public static Lifecycle protectedNow(String jobId) {
        return new Lifecycle(ItemStatus.PROTECTED, DrillStatus.NONE, null, List.of(), null, null, null, jobId);
    }

    /** The job whose VM is the failed-over VM, or null. */
    public String failoverJobId() {
        return failoverJobIds.isEmpty() ? null : failoverJobIds.get(failoverJobIds.size() - 1);
    }

    /** The id of the job in flight, or null. */
    public String runningJobId() {
        return running == null ? null : running.jobId();
    }

    /** True when {@code jobId} is the job in flight. */
    public boolean runs(String jobId) {
        return running != null && running.jobId().equals(jobId);
    }

    /** Replication cycles run only while the item is protected (a drill does not stop them). */
    public boolean replicates() {
        return status == ItemStatus.PROTECTED;
    }

    /** A short description of the state for a 409. */
    public String describe() {
        return "lifecycle state " + status + " (protectionState " + status.protectionState() + ", failoverState "
                + status.failoverState() + "), testFailoverState " + drill
                + (running == null ? "" : ", currentScenario " + running.operation() + " (job " + running.jobId() + ")");
    }

    Lifecycle with(ItemStatus newStatus, DrillStatus newDrill, RunningJob newRunning, String newLastJobId) {
        return new Lifecycle(newStatus, newDrill, failoverType, failoverJobIds, recoveryPointId, drillJobId, newRunning,
                newLastJobId);
    }

    /** The failover's facts: its type, the jobs whose resources make up the failed-over side, and its point. */
    public Lifecycle withFailover(String type, List<String> jobIds, String pointId) {
        return new Lifecycle(status, drill, type, jobIds, pointId, drillJobId, running, lastJobId);
    }

    /** Adds a job whose created resources belong to the failed-over side (kept once). */
    Lifecycle withFailoverJob(String jobId) {
        List<String> ids = new ArrayList<>(failoverJobIds);
        if (!ids.contains(jobId)) {
            ids.add(jobId);
        }
        return withFailover(failoverType, ids, recoveryPointId);
    }

    public Lifecycle withDrillJob(String jobId) {
        return new Lifecycle(status, drill, failoverType, failoverJobIds, recoveryPointId, jobId, running, lastJobId);
    }
}
