package io.reprotect.request;

/**
 * How often recovery points are taken after reprotect and how long they are kept.
 *
 * @param recoveryPointRetentionInHours how long recovery points are kept, 1-360 hours (ASR allows up to 15 days)
 * @param crashConsistentFrequencyInMinutes how often a crash-consistent point is taken, 5-60 minutes
 * @param appConsistentFrequencyInMinutes how often an app-consistent point is taken: 0 for never, else 180-720
 *        minutes in whole hours and no longer than the retention (Azure creates an application-consistent VM
 *        restore point of a VM at most every 3 hours)
 */
public record ReplicationPolicy(int recoveryPointRetentionInHours, int crashConsistentFrequencyInMinutes,
        int appConsistentFrequencyInMinutes) {

    public static final int MIN_RETENTION_HOURS = 1;
    public static final int MAX_RETENTION_HOURS = 360;
    public static final int MIN_CRASH_CONSISTENT_MINUTES = 5;
    public static final int MAX_CRASH_CONSISTENT_MINUTES = 60;
    /** Azure's minimum interval between application-consistent VM restore points of a VM (support matrix). */
    public static final int MIN_APP_CONSISTENT_MINUTES = 180;
    public static final int MAX_APP_CONSISTENT_MINUTES = 720;

    /** Azure Site Recovery's defaults for a new replication policy. */
    public static final ReplicationPolicy DEFAULT = new ReplicationPolicy(24, 5, 240);
}
