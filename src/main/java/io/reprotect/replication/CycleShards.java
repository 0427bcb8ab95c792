package io.reprotect.replication;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.reprotect.job.StorageConfig;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.request.ResourceId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which shard's ticks run a protected item's cycles. Items are grouped by the subscription and region of the VM
 * they replicate from, and each group split into shards of at most {@link CyclesConfig#itemsPerShard()} items.
 * Membership is an empty marker blob {@code cycle-shards/{subscription}/{region}/{ordinal}/{itemId}} in the job
 * container: a tick lists its shard's members by name (one listing, no item read per shard it does not run).
 *
 * <p>A shard key is {@code {subscription}/{region}/{ordinal}}. Joining is idempotent: an item already a member of a
 * shard of its group stays there. Two items joining the same group at the same instant may both land in a shard
 * with one free place (it then holds one item more than the limit): the limit is a size for spreading work, not a
 * safety bound.
 */
@ApplicationScoped
public class CycleShards {

    static final String PREFIX = "cycle-shards/";

    private final BlobServiceClient blobs;
    private final StorageConfig storage;
    private final CyclesConfig config;

    public CycleShards(BlobServiceClient blobs, StorageConfig storage, CyclesConfig config) {
        this.blobs = blobs;
        this.storage = storage;
        this.config = config;
    }

    /** The item's shard: the one of its group it is a member of, else the first with room (created if none has). */
    public String join(ProtectedItem item) {
        String group = groupOf(item);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (String name : names(PREFIX + group + "/")) {
            String[] parts = name.substring((PREFIX + group + "/").length()).split("/");
            if (parts.length != 2) {
                continue;
            }
            int ordinal = Integer.parseInt(parts[0]);
            if (parts[1].equals(item.id())) {
                return group + "/" + ordinal;
            }
            sizes.merge(ordinal, 1, Integer::sum);
        }
        int ordinal = 0;
        while (sizes.getOrDefault(ordinal, 0) >= config.itemsPerShard()) {
            ordinal++;
        }
        String shard = group + "/" + ordinal;
        container().getBlobClient(PREFIX + shard + "/" + item.id()).upload(BinaryData.fromString(""), true);
        return shard;
    }

    /** Ids of the shard's members. */
    public List<String> members(String shard) {
        String prefix = PREFIX + shard + "/";
        return names(prefix).stream().map(n -> n.substring(prefix.length())).filter(n -> !n.contains("/")).toList();
    }

    /** The item leaves the shard (it is gone, or its cycles run in another shard now). Idempotent. */
    public void leave(String shard, String itemId) {
        container().getBlobClient(PREFIX + shard + "/" + itemId).deleteIfExists();
    }

    /** {@code {subscription}/{region}} of the VM the item replicates from, lower case. */
    static String groupOf(ProtectedItem item) {
        String subscription = Optional.ofNullable(ResourceId.parse(item.vmId()).subscriptionId()).orElse("unknown");
        String region = ProtectedItem.RECOVERY.equals(item.placement().activeLocation())
                ? item.placement().recoveryRegion() : item.placement().primaryRegion();
        return (subscription + "/" + (region == null ? "unknown" : region)).toLowerCase(Locale.ROOT);
    }

    private List<String> names(String prefix) {
        return container().listBlobs(new ListBlobsOptions().setPrefix(prefix), (Duration) null).stream()
                .map(BlobItem::getName).toList();
    }

    private BlobContainerClient container() {
        return blobs.getBlobContainerClient(storage.jobContainer());
    }
}
