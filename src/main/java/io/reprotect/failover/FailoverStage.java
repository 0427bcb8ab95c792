package io.reprotect.failover;

import com.fasterxml.jackson.core.type.TypeReference;
import io.reprotect.job.JobJson;
import io.reprotect.pipeline.PermanentStageException;
import io.reprotect.pipeline.StageContext;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.RecoveryPoint;
import java.util.List;

/** Reading a failover job's plan and what its earlier stages recorded. */
final class FailoverStage {

    private FailoverStage() {
    }

    static FailoverPlan plan(StageContext context) {
        return context.output(FailoverPlan.INPUT, FailoverPlan.class).orElseThrow(() ->
                new IllegalStateException("job " + context.job().id() + " has no " + FailoverPlan.INPUT));
    }

    /**
     * The run-time check before a destructive step: the item's lifecycle still runs this job.
     *
     * @throws PermanentStageException StaleJob otherwise
     */
    static void requireRunning(ItemLifecycle lifecycle, StageContext context) {
        lifecycle.requireRunning(plan(context).itemId(), context.job());
    }

    static List<String> ids(StageContext context, String output) {
        var node = context.job().outputs().get(output);
        return node == null ? List.of() : JobJson.MAPPER.convertValue(node, new TypeReference<List<String>>() { });
    }

    /** The disks the job recorded it created ({@link FailoverOutputs#CREATED_DISKS}). */
    static List<FailoverOutputs.CreatedDisk> createdDisks(StageContext context) {
        return createdDisks(context.job().outputs().get(FailoverOutputs.CREATED_DISKS));
    }

    static List<FailoverOutputs.CreatedDisk> createdDisks(com.fasterxml.jackson.databind.JsonNode node) {
        return node == null ? List.of() : JobJson.MAPPER.convertValue(node,
                new TypeReference<List<FailoverOutputs.CreatedDisk>>() { });
    }

    /**
     * The recovery point to create from: the one this job's final sync took (planned failover), else
     * the plan's.
     */
    static FailoverPlan.Point point(StageContext context, FailoverPlan plan) {
        return context.output(Outputs.RECOVERY_POINT, RecoveryPoint.class)
                .map(p -> new FailoverPlan.Point(p.id(), p.time().toString(),
                        p.disks().stream().map(RecoveryPoint.DiskPoint::blobUrl).toList()))
                .orElse(plan.point());
    }
}
