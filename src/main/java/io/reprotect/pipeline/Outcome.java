package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a stage decided; the {@link StageRunner} turns it into a saved job and the next message. */
public sealed interface Outcome {

    /** The stage is done; go on to the next stage. */
    record Next(Map<String, JsonNode> outputs, boolean skipped) implements Outcome {
    }

    /** More work remains: save the checkpoint and run this stage again after {@code delay}. */
    record ContinueLater(JsonNode checkpoint, Duration delay, TaskProgress progress,
            Map<String, JsonNode> outputs) implements Outcome {
    }

    /** A transient failure: run this stage again after {@code delay} (the policy's backoff if null). */
    record RetryLater(Duration delay, String reason, boolean throttled) implements Outcome {

        public RetryLater(Duration delay, String reason) {
            this(delay, reason, false);
        }
    }

    /** A permanent failure: the job fails with {@code error}. */
    record Fail(JobError error) implements Outcome {
    }

    static Outcome next() {
        return new Next(Map.of(), false);
    }

    static Outcome next(Map<String, JsonNode> outputs) {
        return new Next(outputs, false);
    }

    /** Done, recording {@code outputs} ({@code KEY.of(value)}) for later stages and callers. */
    static Outcome next(Output... outputs) {
        return next(Output.map(outputs));
    }

    /** Done, recording {@code outputs}, gathered as the stage went (some only in some cases). */
    static Outcome next(List<Output> outputs) {
        return next(outputs.toArray(Output[]::new));
    }

    /** Nothing to do for this stage (for example: no target-side VM to stop). */
    static Outcome skipped(Map<String, JsonNode> outputs) {
        return new Next(outputs, true);
    }

    /** Nothing to do for this stage; records {@code outputs} all the same (e.g. why the cycle stopped). */
    static Outcome skipped(Output... outputs) {
        return skipped(Output.map(outputs));
    }

    /** Nothing to do for this stage; records {@code outputs}, gathered as the stage went. */
    static Outcome skipped(List<Output> outputs) {
        return skipped(outputs.toArray(Output[]::new));
    }

    static Outcome continueLater(JsonNode checkpoint, Duration delay, TaskProgress progress) {
        return new ContinueLater(checkpoint, delay, progress, Map.of());
    }

    /** More work remains; records {@code outputs} now, so they hold even if a later slice never comes. */
    static Outcome continueLater(JsonNode checkpoint, Duration delay, TaskProgress progress, Output... outputs) {
        return new ContinueLater(checkpoint, delay, progress, Output.map(outputs));
    }

    static Outcome fail(JobError error) {
        return new Fail(error);
    }
}
