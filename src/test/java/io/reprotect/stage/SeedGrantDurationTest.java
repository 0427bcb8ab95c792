package io.reprotect.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed copy's read SAS lasts as long as a copy of the disk needs, within Azure's limit. */
class SeedGrantDurationTest {

    private static final Duration MINIMUM = Duration.ofHours(1);
    private static final long GIB = 1L << 30;

    @Test
    void aSmallDiskGetsTheConfiguredMinimum() {
        assertThat(SeedGrantDuration.forDisk(32 * GIB, MINIMUM)).isEqualTo(MINIMUM);
    }

    @Test
    void theGrantScalesWithTheDiskSizeSoAMultiTibSeedOutlastsItsCopy() {
        Duration fourTib = SeedGrantDuration.forDisk(4096 * GIB, MINIMUM);
        Duration eightTib = SeedGrantDuration.forDisk(8192 * GIB, MINIMUM);
        Duration copyAtAssumedRate = Duration.ofSeconds(4096 * GIB / SeedGrantDuration.ASSUMED_COPY_BYTES_PER_SECOND);
        assertThat(fourTib).as("twice the copy time at the assumed rate")
                .isGreaterThanOrEqualTo(copyAtAssumedRate.multipliedBy(SeedGrantDuration.SAFETY_FACTOR))
                .isGreaterThan(Duration.ofDays(4));
        assertThat(eightTib).isGreaterThan(fourTib);
    }

    @Test
    void theGrantNeverExceedsAzuresSixtyDays() {
        assertThat(SeedGrantDuration.forDisk(Long.MAX_VALUE / 4, MINIMUM)).isEqualTo(Duration.ofDays(60));
        assertThat(SeedGrantDuration.forDisk(GIB, Duration.ofDays(90))).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void theStandInRefusesAGrantLongerThanSixtyDaysAsAzureDoes() {
        try (ReprotectFixture f = new ReprotectFixture()) {
            String disk = f.arm.createDisk("app-rg", "spare-disk", f.demo.primaryRegion(), 1, "Premium_LRS");
            assertThatThrownBy(() -> f.disks.grantRead(disk, Duration.ofDays(61)))
                    .hasMessageContaining("durationInSeconds");
            assertThat(f.disks.grantRead(disk, SeedGrantDuration.MAX_GRANT).expiresOn()).isNotNull();
            f.disks.revoke(disk);
        }
    }
}
