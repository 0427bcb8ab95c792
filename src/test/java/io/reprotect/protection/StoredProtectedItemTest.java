package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.request.ReprotectRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The item's blob keeps its shape while the item is made of parts: the resources are blobs the code before the
 * parts wrote (a reprotect, a cycle, a health error and a disable on the stand-in), read and written back here.
 */
class StoredProtectedItemTest {

    static byte[] resource(String name) {
        try (InputStream in = StoredProtectedItemTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] json) throws IOException {
        return JobJson.MAPPER.readTree(json);
    }

    @Test
    void anItemBlobWrittenBeforeTheItemHadPartsReadsIntoThePartsAndIsWrittenBackIdentically() throws IOException {
        byte[] stored = resource("stored-protected-item.json");

        ProtectedItem item = JobJson.read(stored, ProtectedItem.class);
        byte[] written = JobJson.write(item);

        assertThat(tree(written)).isEqualTo(tree(stored));
        assertThat(new String(written, StandardCharsets.UTF_8)).as("same fields in the same order")
                .isEqualTo(new String(stored, StandardCharsets.UTF_8));
        assertThat(item.placement().activeLocation()).isEqualTo(ProtectedItem.RECOVERY);
        assertThat(item.placement().primaryRegion()).isEqualTo("westeurope");
        assertThat(item.placement().availabilitySetId()).endsWith("/availabilitySets/app-avset");
        assertThat(item.placement().targetStorageAccount().name()).isEqualTo("asrapp01");
        assertThat(item.replicaSet().replicas()).hasSize(2);
        assertThat(item.replicaSet().baseSnapshotIds()).hasSize(2);
        assertThat(item.replicaSet().recoveryPoints()).hasSize(2);
        assertThat(item.health().healthErrors()).extracting(HealthError::code)
                .containsExactly(HealthErrors.SNAPSHOT_LIMIT);
        assertThat(item.health().rpoHistory()).isNotEmpty();
        assertThat(item.origin().reprotectJobId()).isEqualTo(item.lifecycle().lastJobId());
        assertThat(item.origin().targetVmShape().name()).isEqualTo("app01");
        assertThat(item.cycle().lastCycle()).isEqualTo(2);
        assertThat(tree(written).get("protected").asBoolean()).as("still written for readers of the blob").isTrue();
    }

    @Test
    void aDeletedItemBlobKeepsTheItemItHoldsInTheSameShape() throws IOException {
        byte[] stored = resource("stored-deleted-item.json");

        DeletedItem record = JobJson.read(stored, DeletedItem.class);
        byte[] written = JobJson.write(record);

        assertThat(tree(written)).isEqualTo(tree(stored));
        assertThat(record.item().replicaSet().replicas()).hasSize(2);
        assertThat(record.item().origin().reprotectJobId()).isNotBlank();
    }

    @Test
    void anItemWrittenBeforeDirectionsSnapshotsInFlightAndRpoHistoryWereKeptReadsWithTheirDefaults()
            throws IOException {
        ObjectNode old = (ObjectNode) tree(resource("stored-protected-item.json"));
        old.remove(List.of("failoverDirection", "recoveryRegion", "inFlightSnapshotIds", "rpoHistory",
                "healthErrors", "protected"));

        ProtectedItem item = JobJson.read(JobJson.write(old), ProtectedItem.class);

        assertThat(item.placement().direction()).isEqualTo(ReprotectRequest.RECOVERY_TO_PRIMARY);
        assertThat(item.placement().replicaRegion()).isEqualTo("westeurope");
        assertThat(item.replicaSet().inFlightSnapshotIds()).isEmpty();
        assertThat(item.health().rpoHistory()).isEmpty();
        assertThat(item.health().healthErrors()).isEmpty();
        assertThat(item.isProtected()).isTrue();
    }

    @Test
    void aFleetCycleInFlightIsKeptInTheCycleFieldAndReadsBack() throws IOException {
        ProtectedItem item = JobJson.read(resource("stored-protected-item.json"), ProtectedItem.class);
        Job job = new Job("cycle-1", "replication-cycle", item.vmId(), null,
                JobState.InProgress, List.of(), false, null, 3, java.util.Map.of(),
                java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Instant.parse("2026-01-01T00:01:00Z"));
        ProtectedItem inFlight = item.withCycle(item.cycle().withShard("sub/westeurope/0").withInProgress(
                new CycleInProgress(job, java.time.Instant.parse("2026-01-01T00:02:00Z"), null, null)));

        byte[] written = JobJson.write(inFlight);
        ProtectedItem read = JobJson.read(written, ProtectedItem.class);

        assertThat(read).isEqualTo(inFlight);
        assertThat(tree(written).get("cycle").get("inProgress").get("job").get("id").asText()).isEqualTo("cycle-1");
        assertThat(tree(JobJson.write(item)).get("cycle").has("inProgress")).as("absent when none: additive").isFalse();
    }

    @Test
    void aChangeToOnePartLeavesEveryOtherStoredFieldAsItWas() throws IOException {
        byte[] stored = resource("stored-protected-item.json");
        ProtectedItem item = JobJson.read(stored, ProtectedItem.class);

        ProtectedItem changed = item.withHealthErrors(List.of());

        ObjectNode expected = (ObjectNode) tree(stored);
        expected.set("healthErrors", JobJson.MAPPER.createArrayNode());
        assertThat(tree(JobJson.write(changed))).isEqualTo(expected);
        List<String> names = new ArrayList<>();
        tree(JobJson.write(changed)).fieldNames().forEachRemaining(names::add);
        List<String> before = new ArrayList<>();
        tree(stored).fieldNames().forEachRemaining(before::add);
        assertThat(names).containsExactlyElementsOf(before);
    }
}
