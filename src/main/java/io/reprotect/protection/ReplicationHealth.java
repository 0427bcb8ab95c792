package io.reprotect.protection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the replication cycles of a protected item observed: what is wrong now, and the RPO each recent cycle
 * left behind.
 *
 * @param healthErrors what is wrong now; empty when healthy
 * @param rpoHistory the RPO each recent cycle left behind, oldest first, at most {@link RpoSample#MAX_SAMPLES}
 */
public record ReplicationHealth(List<HealthError> healthErrors, List<RpoSample> rpoHistory) {

    public ReplicationHealth {
        healthErrors = healthErrors == null ? List.of() : List.copyOf(healthErrors);
        rpoHistory = rpoHistory == null ? List.of() : List.copyOf(rpoHistory);
    }

    /** Healthy, and no cycle ran yet. */
    public static ReplicationHealth none() {
        return new ReplicationHealth(List.of(), List.of());
    }

    public ReplicationHealth withHealthErrors(List<HealthError> errors) {
        return new ReplicationHealth(errors, rpoHistory);
    }

    /**
     * Records the RPO a cycle left behind: replaces the sample of the same cycle (a rerun of the
     * recording stage), keeps the newest {@link RpoSample#MAX_SAMPLES}.
     */
    public ReplicationHealth withRpoSample(RpoSample sample) {
        List<RpoSample> samples = new ArrayList<>(rpoHistory.stream().filter(s -> s.cycle() != sample.cycle()).toList());
        samples.add(sample);
        samples.sort(Comparator.comparing(RpoSample::time));
        return new ReplicationHealth(healthErrors,
                samples.subList(Math.max(0, samples.size() - RpoSample.MAX_SAMPLES), samples.size()));
    }
}
