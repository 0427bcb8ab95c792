package io.reprotect.plan;

import io.reprotect.job.JobState;
import io.reprotect.protection.RecoveryPoint;
import io.reprotect.whatif.WhatIf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/** Item jobs a test controls: it says which items fail, which are refused, and when running jobs end. */
final class FakeItemJobs implements ItemJobs {

    /** What happened, in order, shared with {@link FakePlanActions}. */
    final List<String> events;
    final Map<String, String> refusals = new HashMap<>();
    final Map<String, List<RecoveryPoint>> points = new HashMap<>();
    final Set<String> failing = new HashSet<>();
    final Map<String, ItemStart> started = new LinkedHashMap<>();
    final Map<String, JobState> states = new LinkedHashMap<>();
    final Map<String, String> itemOfJob = new HashMap<>();
    int starts;
    int mostRunningAtOnce;

    FakeItemJobs(List<String> events) {
        this.events = events;
    }

    @Override
    public Optional<String> refusal(String itemId, PlanOperation operation) {
        return Optional.ofNullable(refusals.get(itemId));
    }

    /** Items on which the operation has nothing to undo. */
    final Set<String> nothingToDo = new HashSet<>();

    @Override
    public boolean nothingToDo(String itemId, PlanOperation operation) {
        return nothingToDo.contains(itemId);
    }

    @Override
    public List<RecoveryPoint> recoveryPoints(String itemId) {
        return points.getOrDefault(itemId, List.of());
    }

    @Override
    public String failoverRegion(String itemId) {
        return "westeurope";
    }

    @Override
    public void start(String itemId, ItemStart start) {
        if (states.containsKey(start.jobId())) {
            return; // idempotent on the job id
        }
        starts++;
        events.add("start " + itemId);
        started.put(itemId, start);
        states.put(start.jobId(), JobState.InProgress);
        itemOfJob.put(start.jobId(), itemId);
        mostRunningAtOnce = Math.max(mostRunningAtOnce, running().size());
    }

    @Override
    public Optional<ItemJob> job(String jobId) {
        return Optional.ofNullable(states.get(jobId)).map(s -> new ItemJob(s, s == JobState.Failed ? "VmStartFailed: "
                + "the VM did not start" : null));
    }

    @Override
    public WhatIf whatIf(String itemId, ItemStart start) {
        return new WhatIf(WhatIf.SUCCEEDED, start.operation().pathName(), itemId, List.of(), null, List.of());
    }

    List<String> running() {
        List<String> items = new ArrayList<>();
        states.forEach((job, state) -> {
            if (state == JobState.InProgress) {
                items.add(itemOfJob.get(job));
            }
        });
        return items;
    }

    /** Ends every running job: Failed for the items in {@link #failing}, else Succeeded. */
    void endRunning() {
        states.replaceAll((job, state) -> {
            if (state != JobState.InProgress) {
                return state;
            }
            String item = itemOfJob.get(job);
            events.add("end " + item);
            return failing.contains(item) ? JobState.Failed : JobState.Succeeded;
        });
    }
}
