package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.ThrottlingBudgets;
import io.reprotect.testkit.ReprotectFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real reprotect stages against a stand-in that throttles with a budget far tighter than Azure's. */
class ThrottledReprotectTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void reprotectCompletesUnderATightThrottlingBudgetWithoutFailing() {
        // A tenth of ARM's buckets (25 reads, 20 writes), refilled at a tenth of its rate, on the app's (virtual)
        // clock like the budget guard, so a wait the app schedules is a wait the bucket refills in. Far tighter budgets
        // (a handful of reads) would starve a stage that needs more calls in one attempt than the bucket holds.
        f.arm.throttling().enable(ThrottlingBudgets.azure().scaledBy(0.1).computeScaledBy(1));

        // every hold and 429 reschedules a stage: many more rounds than an unthrottled job's
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id(), j -> { }, 20_000);

        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        long refused = f.arm.throttling().refusals().values().stream().mapToLong(Long::longValue).sum();
        assertThat(refused + f.managers.budgets().held())
                .as("the budget was tight: calls were refused (429) or held back; refused " + f.arm.throttling().refusals())
                .isPositive();
    }
}
