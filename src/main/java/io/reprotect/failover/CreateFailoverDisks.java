package io.reprotect.failover;

import io.reprotect.cloud.DiskImportSpec;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.cloud.ManagedDisks;
import io.reprotect.job.TaskProgress;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the VM's managed disks from the recovery point: each replica snapshot is copied into a
 * temporary blob with a fixed-VHD footer ({@link ImportableBlobs}), imported ({@code createOption:
 * Import}), and the temporary blob deleted. OS disks keep their OS type and hyperVGeneration. Disk names derive
 * from the job ({@link FailoverPlanner}), and every disk is tagged with the job.
 *
 * <p>Each disk created is recorded ({@link FailoverOutputs#CREATED_DISKS}, with its {@code uniqueId}) before the
 * next import starts, so cleanup and cancel find it even if the job fails part-way.
 *
 * <p>Idempotency: a disk of the planned name is adopted only when it is tagged with this job and was imported
 * from this job's temporary blob; any other disk of that name fails the stage and is left untouched. While ARM
 * still imports a disk ({@code provisioningState} Creating or Updating) the stage waits and keeps the blob the
 * import reads (and starts no other import meanwhile); a disk of ours whose import Failed is deleted and imported
 * again. Copies in flight are polled through the pipeline, never awaited.
 */
@ApplicationScoped
public class CreateFailoverDisks extends PlannedStage {

    public static final String NAME = "create-failover-disks";
    private final ManagedDisks disks;
    private final ImportableBlobs importable;
    private final StageConfig config;

    public CreateFailoverDisks(ManagedDisks disks, ImportableBlobs importable, StageConfig config) {
        super(NAME);
        this.disks = disks;
        this.importable = importable;
        this.config = config;
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        FailoverPlan.Point point = FailoverStage.point(context, plan);
        String jobId = context.job().id();
        List<FailoverOutputs.CreatedDisk> recorded = new ArrayList<>(
                context.get(FailoverOutputs.CREATED_DISKS).orElse(List.of()));
        List<String> ready = new ArrayList<>();
        int copying = 0;
        int importing = 0;
        for (int i = 0; i < plan.disks().size(); i++) {
            FailoverPlan.DiskPlan disk = plan.disks().get(i);
            String diskId = diskId(plan, disk);
            String temp = "failover/" + jobId + "/" + i + "-" + disk.diskName() + ".vhd";
            String container = disk.replica().container();
            String tempUrl = importable.url(plan.account().blobEndpoint(), container, temp);
            Optional<DiskInfo> existing = disks.find(diskId);
            if (existing.isPresent()) {
                DiskInfo found = existing.get();
                Optional<String> notOurs = Ownership.diskNotOwned(found, jobId, tempUrl, uniqueId(recorded, found.id()));
                if (notOurs.isPresent()) {
                    return Outcome.fail(Ownership.nameTaken("Disk " + found.id(), notOurs.get()));
                }
                if (found.inProgress()) {
                    importing++; // the import still reads the temporary blob: keep it, look again later
                    continue;
                }
                if (DiskInfo.FAILED.equalsIgnoreCase(found.provisioningState())) {
                    disks.delete(found.id()); // ours (checked above) and unusable: imported again next time
                    return later(Duration.ZERO, recorded, ready.size(), plan, "import of " + found.name()
                            + " failed; importing it again");
                }
                record(recorded, found);
                importable.delete(plan.account().blobEndpoint(), container, temp);
                ready.add(found.id());
                continue;
            }
            if (importable.prepare(plan.account().blobEndpoint(), container, temp, point.snapshotUrls().get(i),
                    disk.sizeBytes()) == ImportableBlobs.State.COPYING) {
                copying++;
                continue;
            }
            if (importing > 0) {
                continue; // one import at a time, as a run that waits for each does: this one starts after it
            }
            Map<String, String> tags = new HashMap<>(plan.tags());
            tags.put(FailoverOutputs.TAG_JOB, jobId);
            DiskInfo made = disks.importFromBlob(new DiskImportSpec(plan.resourceGroup(), disk.diskName(),
                    plan.region(), disk.sku(), tempUrl, plan.account().id(), disk.osType(), disk.hyperVGeneration(),
                    disk.diskEncryptionSetId(), tags));
            record(recorded, made);
            // saved before the next import starts; this run's next round deletes the blob and goes on
            return later(Duration.ZERO, recorded, ready.size(), plan, "disk " + made.name() + " imported");
        }
        if (copying > 0 || importing > 0) {
            return later(config.pollInterval(), recorded, ready.size(), plan, (copying > 0 ? copying
                    + " recovery point cop" + (copying == 1 ? "y" : "ies") + " in progress" : "")
                    + (copying > 0 && importing > 0 ? "; " : "")
                    + (importing > 0 ? importing + " disk import" + (importing == 1 ? "" : "s") + " in progress" : ""));
        }
        return Outcome.next(FailoverOutputs.DISKS.of(ready), FailoverOutputs.CREATED_DISKS.of(recorded));
    }

    private static Outcome later(Duration delay, List<FailoverOutputs.CreatedDisk> recorded, int ready,
                                 FailoverPlan plan, String note) {
        int total = plan.disks().size();
        return Outcome.continueLater(null, delay, new TaskProgress(ready, total, "disks", 100 * ready / total,
                null, note), FailoverOutputs.CREATED_DISKS.of(recorded));
    }

    private static void record(List<FailoverOutputs.CreatedDisk> recorded, DiskInfo disk) {
        if (recorded.stream().noneMatch(d -> d.id().equalsIgnoreCase(disk.id()))) {
            recorded.add(new FailoverOutputs.CreatedDisk(disk.id(), disk.uniqueId()));
        }
    }

    private static String uniqueId(List<FailoverOutputs.CreatedDisk> recorded, String diskId) {
        return recorded.stream().filter(d -> d.id().equalsIgnoreCase(diskId)).map(FailoverOutputs.CreatedDisk::uniqueId)
                .findFirst().orElse(null);
    }

    /** The id the disk gets: in the plan's group, in the subscription of the replicas' account. */
    static String diskId(FailoverPlan plan, FailoverPlan.DiskPlan disk) {
        return "/subscriptions/" + plan.account().id().split("/")[2] + "/resourceGroups/" + plan.resourceGroup()
                + "/providers/Microsoft.Compute/disks/" + disk.diskName();
    }
}
