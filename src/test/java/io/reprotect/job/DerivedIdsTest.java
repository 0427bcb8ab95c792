package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.failover.FailoverService;
import io.reprotect.intake.RequestIntake;
import io.reprotect.replication.CycleSlots;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Derived ids make a repeated submission find the job the first one created, across restarts and upgrades: the
 * ids below are the ones every release so far derived from these seeds, and must stay so.
 */
class DerivedIdsTest {

    @Test
    void knownSeedsDeriveTheIdsEarlierReleasesDerived() {
        assertThat(DerivedIds.of("http:retry-42")).isEqualTo("a215699f-accb-3a7f-a0d9-81f1ff532241");
        assertThat(DerivedIds.of("job-1:disable")).isEqualTo("7397b2de-bad8-3120-bd83-9a18f10c3f8a");
        assertThat(DerivedIds.of("job-1:cycle:7")).isEqualTo("42630167-67c9-387f-bcee-478b66ae52be");
        assertThat(DerivedIds.of("item-1:purge:2026-01-01T00:00:00Z"))
                .isEqualTo("32a22807-1691-313f-8708-c686a2dafd60");
        assertThat(DerivedIds.of("")).isEqualTo("d41d8cd9-8f00-3204-a980-0998ecf8427e");
    }

    @Test
    void aRepeatedMessageOrIdempotencyKeyGetsTheJobIdItGotBeforeTheUpgrade() {
        assertThat(RequestIntake.jobIdFor("msg-1")).isEqualTo("293528bd-3cf8-30db-8a16-7100586725a3");
        assertThat(FailoverService.jobId("failover", "item-1", "key-1"))
                .isEqualTo("46845fe7-3141-37a6-a13a-f9fe9cc3445d");
    }

    @Test
    void anItemKeepsItsCycleSlotAcrossTheUpgrade() {
        assertThat(CycleSlots.offset("item-1", Duration.ofHours(1))).isEqualTo(Duration.ofMillis(878_220));
    }

    @Test
    void theUuidIsTheTextsUuid() {
        assertThat(DerivedIds.uuid("folder/0-disk.vhd")).hasToString("b14e0e39-ee43-3761-93ea-bb7499e0b441");
    }
}
