package io.reprotect.replication;

import io.reprotect.pipeline.OutputKey;
import io.reprotect.protection.HealthError;
import io.reprotect.protection.RecoveryPoint;
import java.time.Instant;
import java.util.List;

/** What the stages of a replication cycle hand each other through the job's outputs (typed). */
public final class CycleInputs {

    /** Output key of {@link Cycle}: set when the cycle job is created. */
    public static final OutputKey<Cycle> CYCLE = OutputKey.named("cycle", Cycle.class);
    /** Output key of {@link Snapshots}: set by snapshot-source. */
    public static final OutputKey<Snapshots> SNAPSHOTS = OutputKey.named("cycleSnapshots", Snapshots.class);
    /** Output key of {@link Aborted}: set by the stage that found the cycle cannot go on. */
    public static final OutputKey<Aborted> ABORTED = OutputKey.named("cycleAborted", Aborted.class);
    /** Output key of the list of {@link DiskResult}: set by copy-changes. */
    public static final OutputKey<List<DiskResult>> DISKS = OutputKey.listOf("cycleDisks", DiskResult.class);
    /** Output key of the recovery point id the cycle took. */
    public static final OutputKey<String> RECOVERY_POINT = OutputKey.named("recoveryPointId", String.class);

    private CycleInputs() {
    }

    /** Which item, which cycle. */
    public record Cycle(String itemId, long number) {
    }

    /**
     * The source snapshots of this cycle.
     *
     * @param capturedAt when the source disks were captured (the recovery point's time)
     * @param previous the base snapshot of each disk before this cycle
     * @param current this cycle's snapshot (or disk restore point) of each disk
     * @param restorePointMode the restore point's consistency mode as Azure reported it, or null when
     *        the disks were snapshotted one after another
     * @param capture what captured the disks (null in outputs written before it was kept: derive it from
     *        {@code restorePointMode})
     */
    public record Snapshots(Instant capturedAt, List<String> previous, List<String> current,
            String restorePointMode, RecoveryPoint.Capture capture) {

        /** Per-disk incremental snapshots. */
        public Snapshots(Instant capturedAt, List<String> previous, List<String> current) {
            this(capturedAt, previous, current, null, RecoveryPoint.Capture.DiskSnapshots);
        }
    }

    /** The cycle stopped before taking a recovery point; {@code error} is null when the item is gone. */
    public record Aborted(String reason, HealthError error) {
    }

    /**
     * What the cycle did to one disk.
     *
     * @param method {@code incremental} (changed ranges from the snapshot diff) or {@code full-compare}
     *        (the delta-sync compare, when the chain is broken or no diff is available)
     */
    public record DiskResult(String sourceDiskId, String method, long bytesExamined, long bytesWritten,
            long bytesCleared, long requests) {
    }
}
