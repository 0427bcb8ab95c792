package io.reprotect.replication;

import io.reprotect.job.Job;
import io.reprotect.job.JobHistory;
import io.reprotect.job.JobQuery;
import io.reprotect.job.JobState;
import io.reprotect.pipeline.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How fast a protected VM's disks change, as its last replication cycle measured it: the changed and cleared
 * ranges of each disk's snapshot diff, over the time between that cycle's capture and the one before. Reads
 * the job history only.
 */
@ApplicationScoped
public class ChangeRates {

    /** Cycles looked at, newest first, to find the last two that succeeded. */
    static final int CYCLES_READ = 10;

    private final JobHistory history;

    public ChangeRates(JobHistory history) {
        this.history = history;
    }

    /**
     * @param capturedAt when the last cycle captured the source disks (the newest recovery point's time)
     * @param interval the time the bytes of {@code bytesPerDisk} changed in
     * @param bytesPerDisk bytes changed or cleared per source disk id (lower-cased)
     */
    public record Rate(Instant capturedAt, Duration interval, Map<String, Long> bytesPerDisk) {

        /** What changes in {@code elapsed} at this rate on {@code diskId}; empty when the disk was not measured. */
        public Optional<Long> bytesIn(String diskId, Duration elapsed) {
            Long bytes = bytesPerDisk.get(diskId.toLowerCase(Locale.ROOT));
            if (bytes == null || interval.isZero() || interval.isNegative()) {
                return Optional.empty();
            }
            double share = (double) Math.max(0, elapsed.toMillis()) / interval.toMillis();
            return Optional.of((long) Math.ceil(bytes * share));
        }
    }

    /** The last cycle's rate; empty before the first cycle succeeded. {@code protectedAt}: the start of the first. */
    public Optional<Rate> last(String vmId, Instant protectedAt) {
        List<Job> cycles = history.list(new JobQuery(vmId, Workflows.REPLICATION_CYCLE.name(), null, null, null,
                CYCLES_READ, null)).jobs().stream().filter(j -> j.state() == JobState.Succeeded
                && CycleInputs.DISKS.isIn(j) && CycleInputs.SNAPSHOTS.isIn(j)).toList();
        if (cycles.isEmpty()) {
            return Optional.empty();
        }
        Instant captured = capturedAt(cycles.get(0));
        Instant before = cycles.size() > 1 ? capturedAt(cycles.get(1)) : protectedAt;
        if (before == null) {
            return Optional.empty();
        }
        Map<String, Long> bytes = new HashMap<>();
        CycleInputs.DISKS.read(cycles.get(0)).orElseThrow().forEach(d -> bytes.put(
                d.sourceDiskId().toLowerCase(Locale.ROOT), changed(d)));
        return Optional.of(new Rate(captured, Duration.between(before, captured), bytes));
    }

    /** Incremental: the diff's changed and cleared ranges; a full compare: what differed. */
    static long changed(CycleInputs.DiskResult disk) {
        return CopyChangedRanges.INCREMENTAL.equals(disk.method()) ? disk.bytesExamined()
                : disk.bytesWritten() + disk.bytesCleared();
    }

    private static Instant capturedAt(Job cycle) {
        return CycleInputs.SNAPSHOTS.read(cycle).orElseThrow().capturedAt();
    }
}
