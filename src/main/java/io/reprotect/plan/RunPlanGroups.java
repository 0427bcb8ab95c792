package io.reprotect.plan;

import io.reprotect.job.JobError;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.NamedStage;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the groups of a plan in order, never blocking: for the current group, its pre-actions one after another,
 * then its items' single-item jobs (at most {@link PlanConfig#maxParallelItems()} at once), then its post-actions;
 * the next group starts only when every item job of this one has ended. Between looks it returns
 * {@link Outcome#continueLater} with the {@link PlanRun} as its checkpoint and as the job's {@code planRun} output.
 *
 * <p>A failed item lets the other items of its group end, then stops the plan: the group's post-actions and the
 * later groups do not run, and the record says what ran, what did not and what to do next. An action that fails or
 * times out stops the plan the same way when it says so ({@link PlanAction#stopsPlanOnFailure()}), else the plan
 * goes on and the record keeps its failure.
 *
 * <p>Idempotency: item jobs have ids derived from the plan job's ({@link PlanCheck#itemJobId}) and actions ids made
 * of group, phase and name, and both starts are idempotent on them; a rerun from an older checkpoint finds the jobs
 * and actions it started and starts nothing twice.
 */
@ApplicationScoped
public class RunPlanGroups extends NamedStage {

    public static final String NAME = "run-plan-groups";
    private final ItemJobs jobs;
    private final PlanActions actions;
    private final int maxParallel;
    private final Duration pollInterval;

    @Inject
    public RunPlanGroups(ItemJobs jobs, PlanActions actions, PlanConfig config) {
        this(jobs, actions, config.maxParallelItems(), config.itemPollInterval());
    }

    public RunPlanGroups(ItemJobs jobs, PlanActions actions, int maxParallel, Duration pollInterval) {
        super(NAME);
        if (maxParallel < 1) {
            throw new IllegalArgumentException("reprotect.plan.max-parallel-items must be at least 1, is " + maxParallel);
        }
        this.jobs = jobs;
        this.actions = actions;
        this.maxParallel = maxParallel;
        this.pollInterval = pollInterval;
    }

    @Override
    public Outcome execute(StageContext context) {
        RecoveryPlan plan = context.require(PlanOutputs.PLAN);
        PlanRequest request = context.require(PlanOutputs.REQUEST);
        PlanCheck points = new PlanCheck(List.of(), context.get(PlanOutputs.POINTS).orElse(null));
        PlanRun run = context.checkpoint(PlanRun.class)
                .orElseGet(() -> context.get(PlanOutputs.RUN).orElseGet(() -> PlanRun.start(plan, request.operation(), List.of())));
        if (run.stopped()) {
            return Outcome.fail(stoppedError(run));
        }
        Instant now = context.startedAt();
        GroupStep step = new GroupStep(context.job().id(), plan, request, points, now);
        for (int g = 0; g < run.groups().size(); g++) {
            if (run.groups().get(g).status() == PlanRun.GroupStatus.SUCCEEDED) {
                continue;
            }
            Advance advance = step.advance(run, g);
            run = advance.run();
            PlanRun.GroupRun group = run.groups().get(g);
            if (group.status() == PlanRun.GroupStatus.FAILED) {
                run = run.ended(true, nextStep(run, group));
                // record the final state first; the next run of the stage fails the job with it
                return Outcome.continueLater(StageContext.json(run), Duration.ZERO, progress(run, now),
                        PlanOutputs.RUN.of(run));
            }
            if (group.status() != PlanRun.GroupStatus.SUCCEEDED) {
                return Outcome.continueLater(StageContext.json(run), advance.delay(), progress(run, now),
                        PlanOutputs.RUN.of(run));
            }
        }
        return Outcome.next(PlanOutputs.RUN.of(run.ended(false, "Nothing: every group ran. "
                + afterSuccess(request.operation()))));
    }

    /** What one look at a group did, and how long to wait before the next (null: no wait, the group goes on). */
    record Advance(PlanRun run, Duration delay) {
    }

    /** Moves one group as far as it can go now. */
    private final class GroupStep {
        private final String planJobId;
        private final RecoveryPlan plan;
        private final PlanRequest request;
        private final PlanCheck points;
        private final Instant now;

        GroupStep(String planJobId, RecoveryPlan plan, PlanRequest request, PlanCheck points, Instant now) {
            this.planJobId = planJobId;
            this.plan = plan;
            this.request = request;
            this.points = points;
            this.now = now;
        }

        Advance advance(PlanRun run, int g) {
            RecoveryPlan.Group spec = plan.groups().get(g);
            PlanRun current = run;
            if (current.groups().get(g).status() == PlanRun.GroupStatus.NOT_STARTED) {
                current = current.withGroup(g, x -> x.withStatus(PlanRun.GroupStatus.PRE_ACTIONS, null));
            }
            if (current.groups().get(g).status() == PlanRun.GroupStatus.PRE_ACTIONS) {
                Advance pre = actionsOf(current, g, true, spec.preActions());
                if (pre.delay() != null) {
                    return pre;
                }
                current = pre.run().withGroup(g, x -> x.withStatus(PlanRun.GroupStatus.ITEMS, null));
            }
            if (current.groups().get(g).status() == PlanRun.GroupStatus.ITEMS) {
                Advance items = items(current, g);
                if (items.delay() != null) {
                    return items;
                }
                current = items.run().withGroup(g, x -> x.withStatus(PlanRun.GroupStatus.POST_ACTIONS, null));
            }
            if (current.groups().get(g).status() == PlanRun.GroupStatus.POST_ACTIONS) {
                Advance post = actionsOf(current, g, false, spec.postActions());
                if (post.delay() != null) {
                    return post;
                }
                current = post.run().withGroup(g, x -> x.withStatus(PlanRun.GroupStatus.SUCCEEDED, null));
            }
            return new Advance(current, Duration.ZERO);
        }

        /** Runs the actions in order; a null delay when all have ended and the group may go on. */
        private Advance actionsOf(PlanRun run, int g, boolean pre, List<PlanAction> specs) {
            List<PlanRun.ActionStep> steps = new ArrayList<>(pre ? run.groups().get(g).preActions()
                    : run.groups().get(g).postActions());
            for (int a = 0; a < specs.size(); a++) {
                PlanAction action = specs.get(a);
                PlanRun.ActionStep step = steps.get(a);
                if (!step.ended()) {
                    ActionRun runNow = step.run() == null
                            ? actions.start(planJobId, actionId(g, pre, action), action, now)
                            : actions.check(step.run(), action, now);
                    step = new PlanRun.ActionStep(action.name(), runNow);
                    steps.set(a, step);
                }
                PlanRun withStep = run.withGroup(g, x -> x.withActions(pre, steps));
                if (!step.ended()) {
                    Duration wait = actions.checkAgainIn(step.run(), now);
                    return new Advance(withStep, wait == null || wait.isNegative() ? pollInterval : wait);
                }
                run = withStep;
                if (step.run().status() != ActionRun.Status.SUCCEEDED && action.stopsPlanOnFailure()) {
                    String why = (pre ? "pre-action " : "post-action ") + action.name() + " ended "
                            + step.run().status() + (step.run().message() == null ? "" : ": " + step.run().message());
                    return new Advance(run.withGroup(g, x -> x.withStatus(PlanRun.GroupStatus.FAILED, why)),
                            Duration.ZERO);
                }
            }
            return new Advance(run, null);
        }

        /** Starts and looks at the group's item jobs; a null delay when all have succeeded. */
        private Advance items(PlanRun run, int g) {
            List<PlanRun.ItemRun> items = new ArrayList<>(run.groups().get(g).items());
            int running = 0;
            for (int i = 0; i < items.size(); i++) {
                PlanRun.ItemRun item = items.get(i);
                if (item.status() == PlanRun.ItemStatus.RUNNING) {
                    item = look(item);
                    items.set(i, item);
                }
                if (item.status() == PlanRun.ItemStatus.RUNNING) {
                    running++;
                }
            }
            for (int i = 0; i < items.size() && running < maxParallel; i++) {
                PlanRun.ItemRun item = items.get(i);
                if (item.status() == PlanRun.ItemStatus.NOT_STARTED) {
                    item = start(item);
                    items.set(i, item);
                    if (item.status() == PlanRun.ItemStatus.RUNNING) {
                        running++;
                    }
                }
            }
            PlanRun updated = run.withGroup(g, x -> x.withItems(items));
            if (items.stream().anyMatch(i -> !i.status().ended())) {
                return new Advance(updated, pollInterval);
            }
            List<String> failed = items.stream().filter(i -> i.status() == PlanRun.ItemStatus.FAILED)
                    .map(PlanRun.ItemRun::itemId).toList();
            if (!failed.isEmpty()) {
                String why = "item" + (failed.size() > 1 ? "s " : " ") + String.join(", ", failed) + " failed";
                return new Advance(updated.withGroup(g, x -> x.withStatus(PlanRun.GroupStatus.FAILED, why)),
                        Duration.ZERO);
            }
            return new Advance(updated, null);
        }

        private PlanRun.ItemRun start(PlanRun.ItemRun item) {
            ItemJobs.ItemStart start = points.startOf(item.itemId(), planJobId, request, jobs);
            try {
                jobs.start(item.itemId(), start);
                return look(new PlanRun.ItemRun(item.itemId(), start.jobId(), PlanRun.ItemStatus.RUNNING, null));
            } catch (ItemJobs.ItemRefusedException e) {
                return new PlanRun.ItemRun(item.itemId(), null, PlanRun.ItemStatus.FAILED,
                        "not started: " + e.getMessage());
            }
        }

        private PlanRun.ItemRun look(PlanRun.ItemRun item) {
            return jobs.job(item.jobId()).map(job -> switch (job.state()) {
                case Succeeded -> new PlanRun.ItemRun(item.itemId(), item.jobId(), PlanRun.ItemStatus.SUCCEEDED, null);
                case Failed, Cancelled -> new PlanRun.ItemRun(item.itemId(), item.jobId(), PlanRun.ItemStatus.FAILED,
                        "job " + job.state() + (job.error() == null ? "" : ": " + job.error()));
                default -> item;
            }).orElse(item);
        }
    }

    /** The id of an action run: group, phase and name, unique within the plan job. */
    static String actionId(int group, boolean pre, PlanAction action) {
        return "group-" + (group + 1) + (pre ? "-pre-" : "-post-") + action.name();
    }

    private static TaskProgress progress(PlanRun run, Instant since) {
        long current = run.groups().stream().filter(g -> !g.status().ended()).findFirst()
                .map(PlanRun.GroupRun::index).orElse(run.groups().size() - 1) + 1L;
        return TaskProgress.measured(run.itemsEnded(), run.itemCount(), "items", since, since,
                "group " + current + " of " + run.groups().size() + ": " + run.itemsEnded() + " of "
                        + run.itemCount() + " item jobs ended");
    }

    private static String nextStep(PlanRun run, PlanRun.GroupRun failed) {
        String after = run.groups().size() > failed.index() + 1 ? " Groups " + (failed.index() + 2) + "-"
                + run.groups().size() + " did not start." : "";
        return "Group " + (failed.index() + 1) + " stopped the plan (" + failed.message() + ")." + after
                + " Look at the failed item's job (its id is in planRun), fix the cause, then run the plan operation"
                + " again: items that already succeeded are refused by their state, so move them out of the plan or"
                + " run the remaining items one by one; or undo what ran (" + undo(run.operation()) + ").";
    }

    private static String undo(PlanOperation operation) {
        return switch (operation) {
            case TEST_FAILOVER -> "test-failover-cleanup on the plan removes the drill VMs that were created";
            case PLANNED_FAILOVER, UNPLANNED_FAILOVER -> "cancel on the plan restarts the source VMs of the items "
                    + "that failed over and removes what their failover created";
            default -> "nothing to undo: this operation only completes what an earlier one did";
        };
    }

    private static String afterSuccess(PlanOperation operation) {
        return switch (operation) {
            case TEST_FAILOVER -> "Check the drill VMs, then run test-failover-cleanup on the plan.";
            case PLANNED_FAILOVER, UNPLANNED_FAILOVER -> "Check the application, then commit (or cancel) the plan.";
            case COMMIT -> "Reprotect the plan to replicate back.";
            default -> "";
        };
    }

    private static JobError stoppedError(PlanRun run) {
        PlanRun.GroupRun failed = run.groups().stream().filter(g -> g.status() == PlanRun.GroupStatus.FAILED)
                .findFirst().orElseThrow();
        return JobError.of("PlanStopped", "Recovery plan " + run.plan() + " (" + run.operation() + ") stopped at group "
                + (failed.index() + 1) + ": " + failed.message() + ". The record (planRun) shows what ran and what did not.",
                "An item's job failed, or an action that stops the plan on failure failed or timed out.",
                run.nextStep());
    }
}
