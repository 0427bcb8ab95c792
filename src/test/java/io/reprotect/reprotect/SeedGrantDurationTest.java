package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.testkit.ReprotectFixture;
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
    void aCopyThatFailedSlowerThanAssumedIsRetriedWithAGrantSizedFromTheRateItAchieved() {
        long fourTib = 4L << 40;
        Duration first = SeedGrantDuration.forDisk(fourTib, Duration.ofHours(1));
        // the first copy moved 1 TiB at 5 MiB/s before its grant expired
        long copied = 1L << 40;
        Duration elapsed = Duration.ofSeconds(copied / (5L << 20));

        Duration retry = SeedGrantDuration.afterFailedCopy(fourTib, copied, elapsed, first);

        assertThat(retry).as("the whole disk at 5 MiB/s, twice").isEqualTo(Duration.ofSeconds(fourTib / (5L << 20) * 2));
        assertThat(retry).isGreaterThan(first.multipliedBy(2));
    }

    @Test
    void aCopyThatFailedWithoutProgressGetsTwiceItsGrantAndNeverMoreThanSixtyDays() {
        assertThat(SeedGrantDuration.afterFailedCopy(1L << 30, 0, Duration.ofMinutes(5), Duration.ofHours(1)))
                .isEqualTo(Duration.ofHours(2));
        assertThat(SeedGrantDuration.afterFailedCopy(64L << 40, 1L << 20, Duration.ofHours(1), Duration.ofDays(40)))
                .isEqualTo(SeedGrantDuration.MAX_GRANT);
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
