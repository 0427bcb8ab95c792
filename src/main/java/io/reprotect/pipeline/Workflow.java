package io.reprotect.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * A workflow: a name and the stages a job of it runs, in order. Plain data, declared in
 * {@link Workflows}; the {@link StageRunner} runs every workflow the same way.
 *
 * @param name what a job records as its workflow, e.g. {@code reprotect}
 * @param stages the stages, in the order they run; a stage may appear in several workflows
 */
public record Workflow(String name, List<Step> stages) {

    public Workflow {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("workflow " + name + " has no stages");
        }
        if (stages.stream().map(Step::name).distinct().count() != stages.size()) {
            throw new IllegalArgumentException("workflow " + name + " names a stage twice");
        }
    }

    /**
     * One stage of a workflow.
     *
     * @param name the stage's name, matched to the {@link StageHandler} whose {@code stage()} returns it
     * @param friendlyName what a person sees for the task in the job, e.g. in the portal's words
     */
    public record Step(String name, String friendlyName) {
    }

    public Step first() {
        return stages.get(0);
    }

    /** The stage after {@code stage}, or empty when {@code stage} is the last. */
    public Optional<Step> after(String stage) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(stage)) {
                return i + 1 < stages.size() ? Optional.of(stages.get(i + 1)) : Optional.empty();
            }
        }
        throw new IllegalArgumentException("workflow " + name + " has no stage '" + stage + "'");
    }
}
