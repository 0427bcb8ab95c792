package io.reprotect.api;

import java.util.Map;

/**
 * How much of a job's percent each task is worth: its usual share of the job's time. Copying the
 * seeds and the resync move disk data and take most of a real job (minutes to hours); the others
 * are a few control-plane calls. A task not named here weighs {@link #DEFAULT_WEIGHT}.
 */
final class TaskWeights {

    static final int DEFAULT_WEIGHT = 1;
    private static final Map<String, Integer> WEIGHTS = Map.of(
            "validate-prerequisites", 1,
            "prepare-target", 2,
            "stop-target-vm", 2,
            "copy-seed", 10,
            "delete-target-vm", 1,
            "resync", 10,
            "start-replication", 2,
            "protect", 1);

    private TaskWeights() {
    }

    static int of(String taskName) {
        return WEIGHTS.getOrDefault(taskName, DEFAULT_WEIGHT);
    }
}
