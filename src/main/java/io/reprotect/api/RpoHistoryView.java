package io.reprotect.api;

import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RpoSample;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A protected item's recorded RPO: one sample per replication cycle, oldest first, with the thresholds
 * that turn health to Warning and Critical.
 */
@Schema(name = "RpoHistory")
public record RpoHistoryView(
        @Schema(description = "One sample per cycle, oldest first: the RPO the cycle's last stage saw") List<RpoSample> value,
        @Schema(description = "Samples kept per item; older ones are dropped") int maxSamples,
        @Schema(description = "RPO above which replication health is Warning") long rpoWarningSeconds,
        @Schema(description = "RPO above which replication health is Critical") long rpoCriticalSeconds) {

    static RpoHistoryView of(List<RpoSample> samples, ProtectionConfig config) {
        return new RpoHistoryView(samples, RpoSample.MAX_SAMPLES, config.rpoWarning().toSeconds(),
                config.rpoCritical().toSeconds());
    }
}
