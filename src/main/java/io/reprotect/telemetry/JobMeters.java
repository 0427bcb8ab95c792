package io.reprotect.telemetry;

/**
 * The measurements a stage reports while it runs. Recording never throws and never blocks: with telemetry off
 * it does nothing.
 */
public interface JobMeters {

    /** Records nothing. */
    JobMeters NONE = new JobMeters() {
        @Override
        public void bytesMoved(String kind, long bytes) {
        }

        @Override
        public void recoveryPointObjective(String protectedItemId, String vmId, long seconds) {
        }
    };

    /** Bytes copied or written for a disk, by kind: seed, resync, replication. Called once per finished disk. */
    void bytesMoved(String kind, long bytes);

    /**
     * The RPO a replication cycle computed for a protected item: seconds since its newest recovery point.
     *
     * @param vmId the protected VM (the item's {@code vmId}), or null when unknown
     */
    void recoveryPointObjective(String protectedItemId, String vmId, long seconds);
}
