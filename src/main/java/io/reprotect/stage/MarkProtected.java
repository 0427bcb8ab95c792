package io.reprotect.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.ProtectedItems;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;

/**
 * Marks the VM protected: writes its protected item (replicas, policy, recovery points, the
 * primary-side resources) so that failback and later recovery points can find them.
 *
 * <p>Idempotency: the item is rewritten whole from the job's outputs; a second run writes the same.
 */
@ApplicationScoped
public class MarkProtected implements StageHandler {

    /** The stage\'s name in {@link io.reprotect.pipeline.Workflows}. */
    public static final String NAME = "protect";

    public static final String PROTECTED = "Protected";

    private final ProtectedItems items;
    private final Clock clock;

    public MarkProtected(ProtectedItems items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        Job job = context.job();
        ObjectNode item = JobJson.MAPPER.createObjectNode();
        item.put("vmId", job.vmId());
        item.put("protectionState", PROTECTED);
        item.put("replicationHealth", "Normal");
        item.put("primaryRegion", job.request().primaryRegion());
        item.set("replicationPolicy", JobJson.MAPPER.valueToTree(job.request().replicationPolicy()));
        for (String key : new String[] {Outputs.TARGET_RESOURCE_GROUP, Outputs.TARGET_RESOURCE_GROUP_ID, Outputs.TARGET_STORAGE_ACCOUNT,
                Outputs.CACHE_STORAGE_ACCOUNT, Outputs.AVAILABILITY_SET, Outputs.REPLICAS, Outputs.TARGET_VM_SHAPE}) {
            if (job.outputs().containsKey(key)) {
                item.set(key, job.outputs().get(key));
            }
        }
        item.putArray("recoveryPoints").add(job.outputs().get(Outputs.RECOVERY_POINT));
        item.put("reprotectJobId", job.id());
        item.put("protectedAt", (context.task().startTime() == null ? clock.instant() : context.task().startTime())
                .toString());
        items.put(job.vmId(), item);
        return Outcome.next(Map.of(Outputs.PROTECTION_STATE, StageContext.json(PROTECTED)));
    }
}
