package io.reprotect.protection;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the lifecycle of an item written before the lifecycle kernel: its {@code protectionState} string and
 * the failover status blob kept beside it. A job that was running then is not resumed as running: the item
 * settles where that job started or failed, as the old code would have settled it.
 */
final class LegacyLifecycle {

    private LegacyLifecycle() {
    }

    static Lifecycle of(byte[] itemJson, Optional<JsonNode> status) {
        JsonNode item;
        try {
            item = JobJson.MAPPER.readTree(itemJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String protection = item.path("protectionState").asText("Protected");
        String failover = status.map(s -> s.path("failoverState").asText("None")).orElse("None");
        ItemStatus itemStatus = switch (failover) {
            case "FailedOverPendingCommit" -> ItemStatus.FAILED_OVER_PENDING_COMMIT;
            case "FailoverCommitted" -> ItemStatus.FAILOVER_COMMITTED;
            case "FailoverFailed", "FailoverInProgress" -> ItemStatus.FAILOVER_FAILED;
            default -> "DisablingProtection".equals(protection) ? ItemStatus.DISABLE_FAILED : ItemStatus.PROTECTED;
        };
        DrillStatus drill = switch (status.map(s -> s.path("testFailoverState").asText("None")).orElse("None")) {
            case "None" -> DrillStatus.NONE;
            default -> DrillStatus.WAITING_FOR_CLEANUP;
        };
        String failoverJob = status.map(s -> s.path("failoverJobId").asText(null))
                .or(() -> status.map(s -> s.path("runningJobId").asText(null))).orElse(null);
        return new Lifecycle(itemStatus, drill, status.map(s -> s.path("failoverType").asText(null)).orElse(null),
                failoverJob == null || itemStatus == ItemStatus.PROTECTED ? List.of() : List.of(failoverJob),
                status.map(s -> s.path("recoveryPointId").asText(null)).orElse(null),
                status.map(s -> s.path("testFailoverJobId").asText(null)).orElse(null), null, null);
    }
}
