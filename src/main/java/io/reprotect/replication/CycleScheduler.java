package io.reprotect.replication;

import io.reprotect.job.DerivedIds;
import io.reprotect.job.Job;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Output;
import io.reprotect.pipeline.Workflows;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Schedules a protected item's next replication cycle: a job of workflow {@code replication-cycle}
 * whose first message is a scheduled message (nothing runs until it is due, nothing at all when
 * nothing is protected). The job takes the VM over from the job that schedules it, so one cycle
 * runs at a time per item and no other job starts on the VM meanwhile.
 */
@ApplicationScoped
public class CycleScheduler {

    private final JobService jobs;
    private final ProtectionConfig config;

    public CycleScheduler(JobService jobs, ProtectionConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    /** Time between two cycles of the item. */
    public Duration frequency(ProtectedItem item) {
        return config.cycleFrequencyOverride()
                .orElse(Duration.ofMinutes(item.policy().crashConsistentFrequencyInMinutes()));
    }

    /**
     * Creates cycle {@code number} of the item, due at {@code due}. Idempotent: the job id derives
     * from the protection (its reprotect job) and the number, so a repeat finds the same job.
     */
    public Job schedule(ProtectedItem item, long number, Instant due, String predecessorJobId) {
        JobSpec spec = new JobSpec(cycleJobId(item, number), Workflows.REPLICATION_CYCLE, item.vmId(), null,
                Output.map(CycleInputs.CYCLE.of(new CycleInputs.Cycle(item.id(), number))), due);
        return jobs.submitSuccessor(spec, predecessorJobId);
    }

    /**
     * Creates cycle {@code number} of an item no job holds the VM for (an undeleted item), due at {@code due}.
     * Idempotent like {@link JobService#submit(JobSpec)}: the id is the cycle's.
     */
    public Job scheduleFirst(ProtectedItem item, long number, Instant due) {
        return jobs.submit(new JobSpec(cycleJobId(item, number), Workflows.REPLICATION_CYCLE, item.vmId(), null,
                Output.map(CycleInputs.CYCLE.of(new CycleInputs.Cycle(item.id(), number))), due));
    }

    /** The id of cycle {@code number} of the item (what {@link #schedule} creates). */
    public String cycleId(ProtectedItem item, long number) {
        return cycleJobId(item, number);
    }

    static String cycleJobId(ProtectedItem item, long number) {
        return DerivedIds.of(item.origin().reprotectJobId() + ":cycle:" + number);
    }
}
