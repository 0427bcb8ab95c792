package io.reprotect.reprotect;

import java.time.Duration;

/**
 * How long the read SAS of a seed copy lasts. The copy is a server-side Copy Blob of the whole disk from that SAS:
 * if the SAS expires before the copy ends, the copy fails and starts again from zero (Copy Blob cannot continue
 * at an offset), so a grant of a fixed hour never lets a multi-TiB seed finish. The grant is sized from the disk
 * instead: the time to copy it at {@link #ASSUMED_COPY_BYTES_PER_SECOND}, times {@link #SAFETY_FACTOR}, at least
 * {@code reprotect.stages.disk-access-duration} and at most Azure's {@link #MAX_GRANT}. A copy that fails anyway is
 * started again with a grant sized from the rate it achieved, at most {@link #MAX_COPY_ATTEMPTS} times.
 */
public final class SeedGrantDuration {

    /**
     * Assumed sustained rate of one server-side copy from a managed disk's SAS into a page blob of another account
     * in the same region: 20 MiB/s, a cautious figure (Azure publishes no rate for asynchronous Copy Blob; it is
     * best effort, and a 4 TiB seed then gets a grant of about five days).
     */
    public static final long ASSUMED_COPY_BYTES_PER_SECOND = 20L << 20;
    /** The grant covers this many times the estimated copy time, for a copy slower than assumed. */
    public static final int SAFETY_FACTOR = 2;
    /**
     * Azure's longest disk or snapshot SAS ({@code durationInSeconds} of beginGetAccess): 60 days, 5,184,000 s;
     * a longer request is refused (a Compute change of 2024, Azure/azure-cli#29431).
     */
    public static final Duration MAX_GRANT = Duration.ofSeconds(5_184_000L);

    /**
     * Copies of one seed the stage starts before it gives up with {@code SeedCopyFailed}: each retry's grant is sized
     * from the rate the failed copy achieved ({@link #afterFailedCopy}), so a copy slower than assumed gets enough
     * time on the next attempt, and a copy that fails for another reason does not start again forever.
     */
    public static final int MAX_COPY_ATTEMPTS = 3;

    private SeedGrantDuration() {
    }

    /**
     * The grant for copying a disk of {@code diskBytes} again after a copy that moved {@code copiedBytes} in
     * {@code elapsed} and then failed (its SAS most likely expired): the time to copy the whole disk at the rate that
     * copy achieved, times {@link #SAFETY_FACTOR}, and at least twice {@code previous}; never past {@link #MAX_GRANT}.
     */
    public static Duration afterFailedCopy(long diskBytes, long copiedBytes, Duration elapsed, Duration previous) {
        Duration doubled = previous.multipliedBy(SAFETY_FACTOR);
        Duration sized = doubled;
        if (copiedBytes > 0 && elapsed.toSeconds() > 0) {
            double bytesPerSecond = (double) copiedBytes / elapsed.toSeconds();
            long seconds = (long) Math.min(MAX_GRANT.toSeconds(), Math.ceil(diskBytes / bytesPerSecond) * SAFETY_FACTOR);
            sized = Duration.ofSeconds(seconds).compareTo(doubled) > 0 ? Duration.ofSeconds(seconds) : doubled;
        }
        return sized.compareTo(MAX_GRANT) > 0 ? MAX_GRANT : sized;
    }

    /** The grant for copying a disk of {@code diskBytes}: never shorter than {@code minimum}, never past {@link #MAX_GRANT}. */
    public static Duration forDisk(long diskBytes, Duration minimum) {
        long seconds = Math.max(0, diskBytes) / ASSUMED_COPY_BYTES_PER_SECOND * SAFETY_FACTOR + 1;
        Duration sized = Duration.ofSeconds(seconds);
        Duration atLeast = sized.compareTo(minimum) > 0 ? sized : minimum;
        return atLeast.compareTo(MAX_GRANT) > 0 ? MAX_GRANT : atLeast;
    }
}
