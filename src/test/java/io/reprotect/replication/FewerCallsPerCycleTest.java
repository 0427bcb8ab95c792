package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.CloudException;
import io.reprotect.testkit.ReprotectFixture;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a replication cycle asks of Azure, counted on the ARM stand-in: one read grant per disk (the new snapshot;
 * the base's grant is the one the previous cycle kept), one revocation per disk (the base, before it is deleted),
 * and for an idle disk one small page-range diff and no writes.
 */
class FewerCallsPerCycleTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
        f.protectDemo("");
        f.nextCycle(); // the first cycle's base is the resync's snapshot, whose grant the resync revoked
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private long actions(String action) {
        return f.arm.actionLog().stream().filter(a -> a.startsWith("POST ")
                && a.toLowerCase(Locale.ROOT).contains("/" + action.toLowerCase(Locale.ROOT) + " ")).count();
    }

    private long diffs() {
        return f.arm.diskDataPlaneRequests().getOrDefault("get page ranges diff", 0L);
    }

    private long writes() {
        return f.meter.count("put page") + f.meter.count("put page from url");
    }

    private List<String> sourceSnapshots() {
        return f.arm.resourceIds().stream().filter(id -> id.contains("/snapshots/")).toList();
    }

    private String diskState(String id) {
        return f.arm.resource(id).at("/properties/diskState").asText();
    }

    @Test
    void aCycleGrantsOnlyItsNewSnapshotsAndRevokesOnlyTheBasesItDeletes() {
        int disks = f.demo.sourceDiskIds().size();
        for (int n = 0; n < 2; n++) {
            List<String> bases = sourceSnapshots();
            long grants = actions("beginGetAccess");
            long revokes = actions("endGetAccess");
            f.writeSource(0, (n + 1) * (8L << 20), 64 << 10);
            f.writeSource(1, (n + 1) * (3L << 20), 4096);

            f.nextCycle();
            f.arm.finishOperations(); // the bases' deletes were fired, not waited for (verified by the next cycle)

            f.assertReplicasEqualTheSourceDisks();
            assertThat(actions("beginGetAccess") - grants).as("one grant per disk: its new snapshot").isEqualTo(disks);
            assertThat(actions("endGetAccess") - revokes).as("one revocation per disk: the base deleted").isEqualTo(disks);
            assertThat(sourceSnapshots()).as("the bases are gone, the new snapshots stay").hasSize(disks)
                    .doesNotContainAnyElementsOf(bases);
            assertThat(sourceSnapshots()).as("the new snapshots keep their grant into the next cycle")
                    .allMatch(id -> diskState(id).equals("ActiveSAS"));
        }
    }

    @Test
    void aSnapshotWithAnActiveGrantIsNotDeletedUntilItsDeleterRevokesIt() {
        f.arm.finishOperations(); // superseded captures' deletes were fired, not waited for
        String base = sourceSnapshots().stream().filter(id -> diskState(id).equals("ActiveSAS")).findFirst()
                .orElseThrow(() -> new AssertionError("no snapshot keeps its grant: " + sourceSnapshots()));

        assertThatThrownBy(() -> f.snapshots.delete(base)).as("Azure refuses to delete a snapshot with an active SAS")
                .isInstanceOf(CloudException.class);
        assertThat(f.arm.resource(base)).as("a refused call changes nothing").isNotNull();

        SourceSnapshots.delete(f.disks, f.snapshots, f.restorePoints, base);
        assertThat(f.arm.resource(base)).as("revoked first, then deleted").isNull();
    }

    @Test
    void anIdleCycleAsksOneDiffPerDiskAndWritesNothing() {
        long diffs = diffs();
        long writes = writes();

        f.nextCycle();

        assertThat(diffs() - diffs).as("one small answer per idle disk").isEqualTo(f.demo.sourceDiskIds().size());
        assertThat(writes() - writes).as("no copy work").isZero();
        f.assertReplicasEqualTheSourceDisks();
    }
}
