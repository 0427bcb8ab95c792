package io.reprotect.failover;

import io.reprotect.cloud.DiskImportSpec;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageContext;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.stage.StageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the VM's managed disks from the recovery point: each replica snapshot is copied into a
 * temporary blob with a fixed-VHD footer ({@link ImportableBlobs}), imported ({@code createOption:
 * Import}), and the temporary blob deleted. OS disks keep their OS type and hyperVGeneration.
 *
 * <p>Idempotency: a disk that exists (imported from the same blob) is kept; an import that another run
 * started is found by name; copies in flight are polled through the pipeline, never awaited.
 */
@ApplicationScoped
public class CreateFailoverDisks implements StageHandler {

    public static final String NAME = "create-failover-disks";
    private final ManagedDisks disks;
    private final ImportableBlobs importable;
    private final StageConfig config;

    public CreateFailoverDisks(ManagedDisks disks, ImportableBlobs importable, StageConfig config) {
        this.disks = disks;
        this.importable = importable;
        this.config = config;
    }

    @Override
    public String stage() {
        return NAME;
    }

    @Override
    public Outcome execute(StageContext context) {
        FailoverPlan plan = FailoverStage.plan(context);
        FailoverPlan.Point point = FailoverStage.point(context, plan);
        List<String> created = new ArrayList<>();
        int copying = 0;
        for (int i = 0; i < plan.disks().size(); i++) {
            FailoverPlan.DiskPlan disk = plan.disks().get(i);
            String diskId = diskId(plan, disk);
            Optional<DiskInfo> existing = disks.find(diskId);
            String temp = "failover/" + context.job().id() + "/" + i + "-" + disk.diskName() + ".vhd";
            String container = disk.replica().container();
            if (existing.isEmpty()) {
                if (importable.prepare(plan.account().blobEndpoint(), container, temp, point.snapshotUrls().get(i),
                        disk.sizeBytes()) == ImportableBlobs.State.COPYING) {
                    copying++;
                    continue;
                }
                Map<String, String> tags = new HashMap<>(plan.tags());
                tags.put(FailoverOutputs.TAG_JOB, context.job().id());
                existing = Optional.of(disks.importFromBlob(new DiskImportSpec(plan.resourceGroup(), disk.diskName(),
                        plan.region(), disk.sku(), importable.url(plan.account().blobEndpoint(), container, temp),
                        plan.account().id(), disk.osType(), disk.hyperVGeneration(), disk.diskEncryptionSetId(), tags)));
            }
            importable.delete(plan.account().blobEndpoint(), container, temp);
            created.add(existing.get().id());
        }
        if (copying > 0) {
            return Outcome.continueLater(null, config.pollInterval(), new TaskProgress(created.size(),
                    plan.disks().size(), "disks", 100 * created.size() / plan.disks().size(), null,
                    copying + " recovery point cop" + (copying == 1 ? "y" : "ies") + " in progress"));
        }
        return Outcome.next(Map.of(FailoverOutputs.DISKS, StageContext.json(created)));
    }

    /** The id the disk gets: in the plan's group, in the subscription of the replicas' account. */
    static String diskId(FailoverPlan plan, FailoverPlan.DiskPlan disk) {
        return "/subscriptions/" + plan.account().id().split("/")[2] + "/resourceGroups/" + plan.resourceGroup()
                + "/providers/Microsoft.Compute/disks/" + disk.diskName();
    }
}
