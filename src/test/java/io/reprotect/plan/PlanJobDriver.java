package io.reprotect.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan job's two stages as the stage runner would (checkpoint kept between slices, outputs recorded), with
 * what the world does between two slices in the test's hands.
 */
final class PlanJobDriver {

    static final String JOB_ID = "plan-job-1";
    final Map<String, JsonNode> outputs = new HashMap<>();
    JsonNode checkpoint;
    Instant now = Instant.parse("2026-05-01T10:00:00Z");
    JobError failure;
    boolean succeeded;
    int slices;

    PlanJobDriver(RecoveryPlan plan, PlanRequest request) {
        outputs.putAll(Output.map(PlanOutputs.PLAN.of(plan), PlanOutputs.REQUEST.of(request)));
    }

    /** Runs the first stage; true when it let the plan go on. */
    boolean check(CheckPlanItems stage) {
        Outcome outcome = stage.execute(context(stage, null));
        if (outcome instanceof Outcome.Fail fail) {
            failure = fail.error();
            return false;
        }
        outputs.putAll(((Outcome.Next) outcome).outputs());
        return true;
    }

    /** Runs the group stage slice after slice, calling {@code between} after each slice that continues later. */
    void run(RunPlanGroups stage, Runnable between) {
        for (int round = 0; round < 200; round++) {
            slices++;
            Outcome outcome = stage.execute(context(stage, checkpoint));
            if (outcome instanceof Outcome.ContinueLater later) {
                checkpoint = later.checkpoint();
                outputs.putAll(later.outputs());
                now = now.plus(later.delay().isZero() ? Duration.ofMillis(1) : later.delay());
                between.run();
            } else if (outcome instanceof Outcome.Next next) {
                outputs.putAll(next.outputs());
                succeeded = true;
                return;
            } else if (outcome instanceof Outcome.Fail fail) {
                failure = fail.error();
                return;
            } else {
                throw new AssertionError("unexpected outcome " + outcome);
            }
        }
        throw new AssertionError("the plan job did not end in 200 slices");
    }

    PlanRun record() {
        return PlanOutputs.RUN.read(outputs).orElseThrow();
    }

    private StageContext context(StageHandler stage, JsonNode checkpointNow) {
        Task task = Task.notStarted(stage.stage(), stage.stage()).withCheckpoint(checkpointNow);
        Job job = new Job(JOB_ID, "recovery-plan", PlanService.JOB_KEY_PREFIX + "app", null, JobState.InProgress,
                List.of(task), false, null, 0, outputs, now, now);
        return new StageContext(job, task, now);
    }
}
