package io.reprotect.plan;

import io.reprotect.job.DerivedIds;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.Versioned;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.Workflows;
import io.reprotect.whatif.WhatIf;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Starts plan jobs and answers their what-if. A plan job holds the key {@value #JOB_KEY_PREFIX}{@code <name>}, so one
 * job runs per plan at a time; it starts with the plan as it is now (later edits do not change it).
 */
@ApplicationScoped
public class PlanService {

    /** Prefix of the key a plan job holds in place of a VM id (one unfinished job per key). */
    public static final String JOB_KEY_PREFIX = "recovery-plan:";

    private final RecoveryPlanStore plans;
    private final ItemJobs items;
    private final JobService jobs;

    public PlanService(RecoveryPlanStore plans, ItemJobs items, JobService jobs) {
        this.plans = plans;
        this.items = items;
        this.jobs = jobs;
    }

    /**
     * Starts the plan job, or returns the one a call with the same Idempotency-Key started.
     *
     * @throws PlanNotFoundException no such plan
     * @throws PlanNotAllowedException an item's state does not allow the operation; nothing was started
     */
    public Job start(String name, PlanRequest request, String idempotencyKey) {
        String jobId = jobId(name, request.operation(), idempotencyKey);
        var again = jobs.find(jobId);
        if (again.isPresent()) {
            return again.get();
        }
        RecoveryPlan plan = plan(name);
        PlanCheck check = PlanCheck.of(plan, request, items);
        if (!check.allowed()) {
            throw new PlanNotAllowedException(name, request.operation(), check);
        }
        return jobs.submit(new JobSpec(jobId, Workflows.RECOVERY_PLAN, JOB_KEY_PREFIX + name,
                JobJson.MAPPER.valueToTree(request), Output.map(PlanOutputs.PLAN.of(plan),
                PlanOutputs.REQUEST.of(request)), null));
    }

    /** What the plan operation would do; starts nothing. @throws PlanNotFoundException no such plan */
    public PlanWhatIf whatIf(String name, PlanRequest request) {
        RecoveryPlan plan = plan(name);
        PlanCheck check = PlanCheck.of(plan, request, items);
        String planJobId = "what-if";
        List<PlanWhatIf.ItemWhatIf> each = new ArrayList<>();
        for (PlanCheck.ItemCheck item : check.items()) {
            WhatIf whatIf = null;
            String refusal = item.refusal();
            if (!item.skipped() && items.refusal(item.itemId(), request.operation()).isEmpty()) {
                whatIf = items.whatIf(item.itemId(), check.startOf(item.itemId(), planJobId, request, items));
                if (refusal == null && WhatIf.REFUSED.equals(whatIf.status())) {
                    refusal = "its own what-if refuses it (see its checks)";
                }
            }
            each.add(new PlanWhatIf.ItemWhatIf(item.itemId(), item.group() + 1, item.skipped(), refusal, whatIf));
        }
        boolean refused = each.stream().anyMatch(i -> i.refusal() != null);
        return new PlanWhatIf(refused ? WhatIf.REFUSED : WhatIf.SUCCEEDED, name, request.operation().pathName(),
                check.points(), each);
    }

    private RecoveryPlan plan(String name) {
        return plans.get(name).map(Versioned::value).orElseThrow(() -> new PlanNotFoundException(name));
    }

    /** A fresh job id, or one derived from the caller's Idempotency-Key so a retry returns the same job. */
    static String jobId(String name, PlanOperation operation, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : DerivedIds.of(JOB_KEY_PREFIX + name + ":" + operation.pathName() + ":" + idempotencyKey);
    }
}
