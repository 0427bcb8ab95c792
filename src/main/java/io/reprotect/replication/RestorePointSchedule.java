package io.reprotect.replication;

import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.RecoveryPoint.Capture;
import io.reprotect.protection.RecoveryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which VM restore point, if any, a cycle takes, within Azure's documented limits: a VM's crash-consistent
 * restore points at most once an hour, its application-consistent ones at most every 3 hours ("taking
 * restore points at a frequency lower than supported would result in failure": VM restore points support
 * matrix). Every other cycle captures the disks with per-disk incremental snapshots, so the RPO follows the
 * cycle frequency, not the restore points'.
 *
 * <p>The rule: an application-consistent point when the policy's {@code appConsistentFrequencyInMinutes}
 * (never less than 3 hours, whatever an older item's policy says) has passed since the last one asked for;
 * else a crash-consistent point when an hour has passed since the last restore point of either kind (one
 * VM-wide point an hour is what the crash rule allows, and an application-consistent point is VM-wide too);
 * else none. Intervals are measured from the restore point's own {@code timeCreated}, which is each
 * restore-point recovery point's time, plus {@link #CLOCK_SKEW_ALLOWANCE}.
 */
public final class RestorePointSchedule {

    /** Azure: a VM's crash-consistent restore points at most once per this interval. */
    public static final Duration MIN_CRASH_CONSISTENT_INTERVAL = Duration.ofHours(1);
    /** Azure: a VM's application-consistent restore points at most once per this interval. */
    public static final Duration MIN_APP_CONSISTENT_INTERVAL = Duration.ofHours(3);
    /** Margin for the app's clock running ahead of Azure's, whose {@code timeCreated} the intervals start from. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(1);

    private RestorePointSchedule() {
    }

    /** The restore point a cycle capturing the disks at {@code at} takes, or empty: per-disk snapshots. */
    public static Optional<Capture> due(ProtectedItem item, Instant at) {
        int appMinutes = item.policy().appConsistentFrequencyInMinutes();
        if (appMinutes > 0) {
            Duration policy = Duration.ofMinutes(appMinutes);
            Duration azure = MIN_APP_CONSISTENT_INTERVAL.plus(CLOCK_SKEW_ALLOWANCE);
            if (passed(item, RestorePointSchedule::applicationConsistent, policy.compareTo(azure) > 0 ? policy : azure,
                    at)) {
                return Optional.of(Capture.ApplicationConsistentRestorePoint);
            }
        }
        if (passed(item, p -> applicationConsistent(p) || crashConsistent(p),
                MIN_CRASH_CONSISTENT_INTERVAL.plus(CLOCK_SKEW_ALLOWANCE), at)) {
            return Optional.of(Capture.CrashConsistentRestorePoint);
        }
        return Optional.empty();
    }

    private static boolean passed(ProtectedItem item, Predicate<RecoveryPoint> kind, Duration interval, Instant at) {
        return item.replicaSet().recoveryPoints().stream().filter(kind).map(RecoveryPoint::time)
                .noneMatch(t -> at.isBefore(t.plus(interval)));
    }

    /** Asked for as application-consistent (points recorded before {@code capture} was kept: by their type). */
    static boolean applicationConsistent(RecoveryPoint p) {
        return p.capture() == null ? !RecoveryPoint.CRASH_CONSISTENT.equals(p.type())
                : p.capture() == Capture.ApplicationConsistentRestorePoint;
    }

    /** A crash-consistent restore point (older points: any VM-wide crash-consistent point, to be safe). */
    static boolean crashConsistent(RecoveryPoint p) {
        return p.capture() == null ? RecoveryPoint.ALL_DISKS.equals(p.consistency())
                : p.capture() == Capture.CrashConsistentRestorePoint;
    }
}
