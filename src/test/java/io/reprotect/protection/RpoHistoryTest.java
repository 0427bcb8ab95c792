package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.request.ReplicationPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RPO history an item keeps: one sample per cycle, bounded, oldest first. */
class RpoHistoryTest {

    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");

    static ProtectedItem item() {
        return new ProtectedItem("id", "vm", Lifecycle.protectedNow("job"),
                new ItemPlacement(ProtectedItem.RECOVERY, null, "westeurope", null, "rg", null,
                        new Outputs.AccountRef("a", "a", "http://a/"), null, null),
                new ReplicationPolicy(24, 5, 0), new ReplicaSet(List.of(), List.of(), List.of(), List.of()),
                null, ProtectedItem.CycleStatus.none(), new ProtectionOrigin("job", T0, null));
    }

    @Test
    void theNewestSamplesAreKeptAndTheOldestDropped() {
        ProtectedItem item = item();
        int cycles = RpoSample.MAX_SAMPLES + 12;
        for (int n = 1; n <= cycles; n++) {
            item = item.withRpoSample(new RpoSample(n, T0.plusSeconds(300L * n), 30L + n, true));
        }
        assertThat(item.health().rpoHistory()).hasSize(RpoSample.MAX_SAMPLES);
        assertThat(item.health().rpoHistory().get(0).cycle()).isEqualTo(13);
        assertThat(item.health().rpoHistory().get(RpoSample.MAX_SAMPLES - 1).cycle()).isEqualTo(cycles);
    }

    @Test
    void aRerunOfACyclesLastStageReplacesItsSample() {
        ProtectedItem item = item().withRpoSample(new RpoSample(1, T0.plusSeconds(60), 60L, true))
                .withRpoSample(new RpoSample(2, T0.plusSeconds(360), 70L, true))
                .withRpoSample(new RpoSample(2, T0.plusSeconds(362), 72L, true));
        assertThat(item.health().rpoHistory()).extracting(RpoSample::rpoSeconds).containsExactly(60L, 72L);
    }

    @Test
    void anItemStoredBeforeHistoriesWereKeptHasAnEmptyOne() {
        assertThat(item().health().rpoHistory()).isEmpty();
    }
}
