package io.reprotect.protection;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobStore;
import io.reprotect.job.Versioned;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The recovery points of an item that something is using now, which retention must not prune: the point the
 * failed-over VM was created from ({@link Lifecycle#recoveryPointId()}), and the point named in the plan
 * ({@link Outputs#FAILOVER_PLAN}) of the item's running lifecycle job and of its drill, while that job has not ended
 * (a drill or failover copies the point's replica snapshots into new disks).
 *
 * <p>Reads only; ask right before deleting.
 */
public final class RecoveryPointsInUse {

    private RecoveryPointsInUse() {
    }

    /** Point id to who uses it (e.g. {@code "test failover job <id>"}). */
    public static Map<String, String> of(ProtectedItem item, JobStore jobs) {
        Map<String, String> used = new LinkedHashMap<>();
        Lifecycle l = item.lifecycle();
        if (l.recoveryPointId() != null) {
            used.put(l.recoveryPointId(), "the failed-over VM was created from it");
        }
        Stream.of(l.runningJobId(), l.drillJobId()).filter(id -> id != null).distinct()
                .forEach(jobId -> pointOf(jobs, jobId).ifPresent(point -> used.putIfAbsent(point,
                        "job " + jobId + " is creating disks from it")));
        return used;
    }

    /** The point an unfinished failover or drill job's plan names. */
    private static Optional<String> pointOf(JobStore jobs, String jobId) {
        return jobs.get(jobId).map(Versioned::value).filter(j -> !j.state().ended())
                .flatMap(Outputs.FAILOVER_PLAN::read).map(plan -> plan.path("point").path("id"))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
    }
}
