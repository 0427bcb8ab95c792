package io.reprotect.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.JobJson;
import io.reprotect.protection.Outputs;
import io.reprotect.request.ReprotectRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a failover needs from a protected item: where the replicas are, the recovery points, and the
 * captured shape of the VM to rebuild.
 *
 * @param primaryRegion the region the failover creates the VM in: the replicas' region (the secondary
 *        region when the item replicates PrimaryToRecovery)
 * @param points oldest first
 */
public record FailoverSource(String itemId, String vmId, String primaryRegion, String targetResourceGroup,
                             Outputs.AccountRef targetStorageAccount, List<Outputs.Replica> replicas, VmShape shape,
                             List<Point> points) {

    public FailoverSource {
        replicas = List.copyOf(replicas);
        points = List.copyOf(points);
    }

    /** A recovery point: id, time, {@code CrashConsistent} or {@code ApplicationConsistent}, one snapshot URL per replica. */
    public record Point(String id, String time, String type, List<String> snapshotUrls) {
    }

    /**
     * From the protected item as {@code MarkProtected} writes it (JSON): replicas, target account and
     * resource group, captured shape, recovery points (a point without an id is known by its time).
     */
    public static FailoverSource fromItem(String itemId, JsonNode item) {
        List<Point> points = new ArrayList<>();
        for (JsonNode p : item.path("recoveryPoints")) {
            if (p.isNull() || p.isMissingNode()) {
                continue;
            }
            List<String> urls = new ArrayList<>();
            p.path("snapshotUrls").forEach(u -> urls.add(u.asText()));
            p.path("disks").forEach(d -> urls.add(d.path("blobUrl").asText()));
            String time = p.path("time").asText();
            points.add(new Point(p.path("id").asText(time), time, p.path("type").asText("CrashConsistent"), urls));
        }
        VmShape shape = item.hasNonNull(Outputs.TARGET_VM_SHAPE.name())
                ? JobJson.MAPPER.convertValue(item.get(Outputs.TARGET_VM_SHAPE.name()), VmShape.class) : null;
        // a failover goes to where the replicas are: the primary region, or the secondary one once the item
        // replicates PrimaryToRecovery (after a failback and a reprotect back)
        String region = ReprotectRequest.PRIMARY_TO_RECOVERY.equals(item.path("failoverDirection").asText(null))
                ? item.path("recoveryRegion").asText() : item.path("primaryRegion").asText();
        return new FailoverSource(itemId, item.path("vmId").asText(), region,
                item.path(Outputs.TARGET_RESOURCE_GROUP.name()).asText(),
                JobJson.MAPPER.convertValue(item.get(Outputs.TARGET_STORAGE_ACCOUNT.name()), Outputs.AccountRef.class),
                Arrays.asList(JobJson.MAPPER.convertValue(item.get(Outputs.REPLICAS.name()), Outputs.Replica[].class)),
                shape, points);
    }
}
