package io.reprotect.pipeline;

import io.reprotect.pipeline.Workflow.Step;
import java.util.List;

/**
 * Every workflow the engine runs, each a short list of stages. This file is the whole map.
 *
 * <p>To add a workflow: declare it here and add it to {@link #ALL}; write one {@link StageHandler}
 * bean per new stage (its {@code stage()} returns the name used here); start jobs of it with
 * {@link JobService#submit(JobSpec)}. Every stage message goes to the one {@link Queues#STAGES}
 * queue and its one function, so no queue, function or infrastructure changes. The runner's
 * rules (outbox, sequence numbers, retries, dead letters) apply to every workflow alike.
 */
public final class Workflows {

    /** Reprotect a failed-over VM toward its primary region (ASR's reprotect). */
    public static final Workflow REPROTECT = new Workflow("reprotect", List.of(
            new Step("validate-prerequisites", "Prerequisites check for reprotect"),
            new Step("prepare-target", "Create or reuse cache storage, target storage and availability set"),
            new Step("stop-target-vm", "Stop the target-side virtual machine"),
            new Step("copy-seed", "Copy target-side disks as seed blobs"),
            new Step("delete-target-vm", "Delete the target-side virtual machine"),
            new Step("resync", "Resynchronize disks (only differences are copied)"),
            new Step("start-replication", "Start delta replication and create the first recovery point"),
            new Step("protect", "Mark the item protected")));

    /** Every workflow; a job names one of these. */
    public static final List<Workflow> ALL = List.of(REPROTECT);

    private Workflows() {
    }

    /** The workflow called {@code name}; a job written before workflows existed (null) is a reprotect. */
    public static Workflow byName(String name) {
        if (name == null) {
            return REPROTECT;
        }
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workflow '" + name + "'"));
    }

    /** Every stage name used by some workflow, each once. */
    public static List<String> stageNames() {
        return ALL.stream().flatMap(w -> w.stages().stream()).map(Step::name).distinct().toList();
    }
}
