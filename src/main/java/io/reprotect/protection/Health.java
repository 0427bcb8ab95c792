package io.reprotect.protection;

import java.time.Duration;
import java.time.Instant;

/** Replication health and RPO of an item, computed at read time from its newest recovery point. */
public final class Health {

    public static final String NORMAL = "Normal";

    private Health() {
    }

    /** Seconds since the newest recovery point's capture, or null when there is none. */
    public static Long rpoSeconds(ProtectedItem item, Instant now) {
        return item.latestRecoveryPoint().map(p -> Math.max(0, Duration.between(p.time(), now).toSeconds()))
                .orElse(null);
    }

    /** Normal, Warning or Critical: the worse of the RPO against the thresholds and the health errors. */
    public static String of(ProtectedItem item, Instant now, ProtectionConfig config) {
        Long rpo = rpoSeconds(item, now);
        int level = 0;
        if (rpo == null || rpo > config.rpoCritical().toSeconds()) {
            level = 2;
        } else if (rpo > config.rpoWarning().toSeconds()) {
            level = 1;
        }
        for (HealthError error : item.health().healthErrors()) {
            level = Math.max(level, HealthError.CRITICAL.equals(error.severity()) ? 2 : 1);
        }
        return switch (level) {
            case 0 -> NORMAL;
            case 1 -> HealthError.WARNING;
            default -> HealthError.CRITICAL;
        };
    }
}
