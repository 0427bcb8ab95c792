package io.reprotect.protection;

import java.time.Instant;
import java.util.List;

/**
 * A recovery point: one replica blob snapshot per disk.
 *
 * @param id stable id (the job that took it)
 * @param time the time the source disks were captured; RPO is measured from it
 * @param type {@code CrashConsistent}, {@code ApplicationConsistent} or {@code FileSystemConsistent}
 * @param consistency how far the disks agree: {@link #APPLICATION_CONSISTENT} or
 *        {@link #FILE_SYSTEM_CONSISTENT} (a VM restore point with the guest's cooperation), {@link #ALL_DISKS}
 *        (a crash-consistent VM restore point: one instant for every disk, or a single-disk VM) or
 *        {@link #PER_DISK} (each disk crash-consistent on its own, taken one after another, so a
 *        multi-disk application may see disks a few seconds apart)
 * @param disks the replica snapshot of each disk
 * @param capture what captured the source disks: per-disk incremental snapshots or a VM restore point (null
 *        on points recorded before this was kept)
 */
public record RecoveryPoint(String id, Instant time, String type, String consistency, List<DiskPoint> disks,
        Capture capture) {

    /** What captured the source disks of a recovery point; as it is named on the wire. */
    public enum Capture {
        /** One incremental snapshot per disk, taken one after another (each disk crash-consistent on its own). */
        DiskSnapshots,
        /** A VM restore point with {@code consistencyMode: CrashConsistent}: every disk at one instant. */
        CrashConsistentRestorePoint,
        /** A VM restore point asked to be application-consistent (Azure may still report it crash-consistent). */
        ApplicationConsistentRestorePoint
    }

    public static final String CRASH_CONSISTENT = "CrashConsistent";
    public static final String APPLICATION_CONSISTENT = "ApplicationConsistent";
    /** A Linux VM's application-consistent request without pre/post scripts: file systems frozen, all disks. */
    public static final String FILE_SYSTEM_CONSISTENT = "FileSystemConsistent";
    public static final String ALL_DISKS = "CrashConsistentAcrossDisks";
    public static final String PER_DISK = "CrashConsistentPerDisk";

    public RecoveryPoint {
        disks = List.copyOf(disks);
    }

    /** The type of a point captured with a restore point of {@code mode} (null: per-disk snapshots). */
    public static String typeOf(String mode) {
        return APPLICATION_CONSISTENT.equalsIgnoreCase(mode) ? APPLICATION_CONSISTENT
                : FILE_SYSTEM_CONSISTENT.equalsIgnoreCase(mode) ? FILE_SYSTEM_CONSISTENT : CRASH_CONSISTENT;
    }

    /** The consistency of a VM restore point of {@code mode}: one instant for every disk. */
    public static String restorePointConsistency(String mode) {
        String type = typeOf(mode);
        return CRASH_CONSISTENT.equals(type) ? ALL_DISKS : type;
    }

    /** The consistency of sequential per-disk snapshots of {@code diskCount} disks, told as it is. */
    public static String sequentialSnapshotConsistency(int diskCount) {
        return diskCount <= 1 ? ALL_DISKS : PER_DISK;
    }

    /**
     * One disk of a recovery point.
     *
     * @param sourceDiskId the source disk
     * @param container replica container
     * @param blobName replica blob
     * @param snapshot the replica blob's snapshot time id
     * @param blobUrl the replica blob URL with {@code ?snapshot=} (no SAS)
     */
    public record DiskPoint(String sourceDiskId, String container, String blobName, String snapshot, String blobUrl) {
    }
}
