package io.reprotect.cloud;

import java.time.Instant;
import java.util.Map;

/**
 * A VM restore point: every disk of the VM captured at one instant.
 *
 * @param id ARM id ({@code .../restorePointCollections/{c}/restorePoints/{name}})
 * @param consistencyMode as Azure reports it: {@code ApplicationConsistent}, {@code FileSystemConsistent}
 *        (Linux with pre/post scripts) or {@code CrashConsistent}
 * @param timeCreated the instant the disks were captured
 * @param diskRestorePoints the disk restore point id of each captured disk, by source disk id (lower case)
 * @param provisioningState {@code Succeeded} once usable
 */
public record RestorePointInfo(String id, String consistencyMode, Instant timeCreated,
        Map<String, String> diskRestorePoints, String provisioningState) {

    public static final String APPLICATION_CONSISTENT = "ApplicationConsistent";
    public static final String FILE_SYSTEM_CONSISTENT = "FileSystemConsistent";
    public static final String CRASH_CONSISTENT = "CrashConsistent";

    public RestorePointInfo {
        diskRestorePoints = diskRestorePoints == null ? Map.of() : Map.copyOf(diskRestorePoints);
    }

    /** The disk restore point of {@code sourceDiskId}, or null when the disk was not captured. */
    public String diskRestorePointOf(String sourceDiskId) {
        return diskRestorePoints.get(sourceDiskId.toLowerCase(java.util.Locale.ROOT));
    }
}
