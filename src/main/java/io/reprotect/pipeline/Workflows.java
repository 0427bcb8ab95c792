package io.reprotect.pipeline;

import io.reprotect.pipeline.Workflow.Step;
import java.util.List;

/**
 * Every workflow the engine runs, each a short list of stages. This file is the whole map.
 *
 * <p>To add a workflow: declare it here and add it to {@link #ALL}; write one {@link StageHandler}
 * bean per new stage (a {@link NamedStage} given the name used here); start jobs of it with
 * {@link JobService#submit(JobSpec)}. Every stage message goes to the one {@link Queues#STAGES}
 * queue and its one function, so no queue, function or infrastructure changes. The runner's
 * rules (outbox, sequence numbers, retries, dead letters) apply to every workflow alike.
 */
public final class Workflows {

    /** Reprotect a failed-over VM toward its primary region (ASR's reprotect). */
    public static final Workflow REPROTECT = new Workflow("reprotect", List.of(
            new Step("validate-prerequisites", "Prerequisites check for reprotect"),
            new Step("prepare-target", "Create or reuse cache storage, target storage and availability set"),
            new Step("stop-target-vm", "Stop the target-side virtual machine"),
            new Step("copy-seed", "Copy target-side disks as seed blobs"),
            new Step("delete-target-vm", "Delete the target-side virtual machine"),
            new Step("resync", "Resynchronize disks (only differences are copied)"),
            new Step("start-replication", "Start delta replication and create the first recovery point"),
            new Step("protect", "Mark the item protected")));

    private static final Step CREATE_DISKS = new Step("create-failover-disks",
            "Create the disks from the recovery point (import)");
    private static final Step ATTACH_NETWORK = new Step("attach-failover-network",
            "Attach the original network interfaces, or create them in the mapped subnet");
    private static final Step CREATE_VM = new Step("create-failover-vm", "Create the virtual machine in its captured shape");
    private static final Step START_VM = new Step("start-failover-vm", "Start the virtual machine and check it runs");
    private static final Step INSTALL_EXTENSIONS = new Step("install-failover-extensions",
            "Reinstall the captured extensions (those needing protected settings are listed instead)");
    private static final Step REMOVE = new Step("remove-failover-resources",
            "Delete the virtual machine, disks and network interfaces the failover created");

    private static final Step SNAPSHOT_SOURCE = new Step("snapshot-source",
            "Take an incremental snapshot of every source disk");
    private static final Step COPY_CHANGES = new Step("copy-changes", "Copy changed ranges into the replicas");
    private static final Step TAKE_RECOVERY_POINT = new Step("take-recovery-point",
            "Snapshot the replicas as a recovery point");
    private static final Step RELEASE_BASE = new Step("release-base",
            "Delete the source snapshots the new ones replace");

    /**
     * Planned failover: shut the source down, then a final replication cycle (the cycle's own stages: only
     * what changed since the last cycle moves), then create from the point it took (no data loss).
     */
    public static final Workflow PLANNED_FAILOVER = new Workflow("planned-failover", List.of(
            new Step("deallocate-source-vm", "Shut down the virtual machine in the secondary region"),
            SNAPSHOT_SOURCE, COPY_CHANGES, TAKE_RECOVERY_POINT, RELEASE_BASE,
            new Step("use-final-recovery-point", "Create from the recovery point the final cycle took"),
            CREATE_DISKS, ATTACH_NETWORK, CREATE_VM, START_VM, INSTALL_EXTENSIONS,
            new Step("mark-failed-over", "Mark the item failed over, pending commit")));

    /** Unplanned failover: from a chosen recovery point; never touches the secondary region. */
    public static final Workflow UNPLANNED_FAILOVER = new Workflow("unplanned-failover", List.of(
            CREATE_DISKS, ATTACH_NETWORK, CREATE_VM, START_VM, INSTALL_EXTENSIONS,
            new Step("mark-failed-over", "Mark the item failed over, pending commit")));

    /**
     * Change the recovery point before commit: the other point's disks first (so a point that cannot be read
     * fails the change while the failed-over VM still runs), then remove what the failover created, then the VM.
     */
    public static final Workflow CHANGE_RECOVERY_POINT = new Workflow("change-recovery-point", List.of(
            CREATE_DISKS, REMOVE, ATTACH_NETWORK, CREATE_VM, START_VM, INSTALL_EXTENSIONS,
            new Step("mark-failed-over", "Mark the item failed over, pending commit")));

    /**
     * Cancel a failover before commit: make sure the source VM runs again first (nothing is removed if it cannot),
     * then remove what the failover created.
     */
    public static final Workflow CANCEL_FAILOVER = new Workflow("cancel-failover", List.of(
            new Step("restart-source-vm", "Start the virtual machine the failover was made from"), REMOVE,
            new Step("mark-failover-cancelled", "Mark the item protected again")));

    private static final Step REMOVE_PROTECTION_STORAGE = new Step("remove-protection-storage",
            "Lift the engine's lock and delete the cache and target storage accounts reprotect created");
    private static final Step REMOVE_REPLICATION = new Step("remove-replication",
            "Delete replicas, recovery points and source snapshots");
    private static final Step KEEP_DELETED_DATA = new Step("keep-deleted-data",
            "Keep replicas, recovery points, snapshots and storage accounts as a deleted item until its expiry");

    /**
     * Commit a failover: what replication left that the failover no longer needs (replicas with their snapshots,
     * which are the recovery points, the source snapshots, and the storage accounts reprotect created) is kept as a
     * deleted item until its retention period ends; a purge deletes it then. The VM, its disks and NICs stay.
     */
    public static final Workflow COMMIT_FAILOVER = new Workflow("commit-failover", List.of(
            new Step("check-failover-vm", "Check that the failed-over virtual machine the commit keeps exists"),
            KEEP_DELETED_DATA,
            new Step("mark-failover-committed", "Mark the failover committed")));

    /** Test failover: a copy of the VM in an isolated network; production and replication are untouched. */
    public static final Workflow TEST_FAILOVER = new Workflow("test-failover", List.of(
            CREATE_DISKS, ATTACH_NETWORK, CREATE_VM, START_VM,
            new Step("mark-test-failover-done", "Mark the test failover done, waiting for cleanup")));

    /** Test failover cleanup: delete exactly what the drill created. */
    public static final Workflow TEST_FAILOVER_CLEANUP = new Workflow("test-failover-cleanup", List.of(
            REMOVE, new Step("mark-test-failover-cleaned", "Mark the test failover cleaned up")));

    /**
     * One replication cycle of a protected item: moves what changed and takes a recovery point. Its
     * last stage schedules the next cycle, so cycles run while the item is protected and nothing runs
     * when nothing is. Cycles run in-process, many items per execution, in a tick of the item's shard
     * (replication {@code CycleTick}), through these stages' beans; the job record is written once, when
     * the cycle ends. No stage message of this workflow is sent any more (one sent by an older version
     * still runs here).
     */
    public static final Workflow REPLICATION_CYCLE = new Workflow("replication-cycle", List.of(
            SNAPSHOT_SOURCE, COPY_CHANGES, TAKE_RECOVERY_POINT, RELEASE_BASE,
            new Step("prune-recovery-points", "Delete recovery points past the retention"),
            new Step("schedule-next-cycle", "Record RPO and health, schedule the next cycle")));

    /**
     * Disable protection: stop cycles; what protection created is kept as a deleted item until its retention
     * period ends (undelete restores it), and the item leaves the list.
     */
    public static final Workflow DISABLE_PROTECTION = new Workflow("disable-protection", List.of(
            KEEP_DELETED_DATA, new Step("remove-protected-item", "Remove the protected item")));

    /** Purge a deleted item whose retention period has passed: delete only what the engine created for it. */
    public static final Workflow PURGE_DELETED_ITEM = new Workflow("purge-deleted-item", List.of(
            new Step("start-purge", "Check the retention period has passed and mark the deleted item purging"),
            REMOVE_REPLICATION, REMOVE_PROTECTION_STORAGE,
            new Step("mark-purged", "Mark the deleted item purged")));

    /**
     * A recovery plan's operation: every item of the plan checked first (an item whose state does not allow the
     * operation fails the plan before anything runs), then the groups in order, each one's pre-actions, its items'
     * single-item jobs side by side (bounded), and its post-actions.
     */
    public static final Workflow RECOVERY_PLAN = new Workflow("recovery-plan", List.of(
            new Step("check-plan-items", "Check that every item of the plan allows the operation"),
            new Step("run-plan-groups", "Run the groups in order: pre-actions, item jobs, post-actions")));

    /** Every workflow; a job names one of these. */
    public static final List<Workflow> ALL = List.of(REPROTECT, REPLICATION_CYCLE, DISABLE_PROTECTION, PURGE_DELETED_ITEM,
            PLANNED_FAILOVER, UNPLANNED_FAILOVER, CHANGE_RECOVERY_POINT, CANCEL_FAILOVER, COMMIT_FAILOVER, TEST_FAILOVER,
            TEST_FAILOVER_CLEANUP, RECOVERY_PLAN);

    private Workflows() {
    }

    /** The workflow called {@code name}; a job written before workflows existed (null) is a reprotect. */
    public static Workflow byName(String name) {
        if (name == null) {
            return REPROTECT;
        }
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workflow '" + name + "'"));
    }

    /** Every stage name used by some workflow, each once. */
    public static List<String> stageNames() {
        return ALL.stream().flatMap(w -> w.stages().stream()).map(Step::name).distinct().toList();
    }
}
