package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The transition table: what each state allows, and where a job's start, success and failure lead. */
class LifecycleTableTest {

    static Lifecycle protectedItem() {
        return Lifecycle.protectedNow("reprotect");
    }

    @Test
    void readmeShowsTheTableAsTheCodeHasIt() throws Exception {
        String readme = String.join("\n", Files.readAllLines(Path.of("docs/architecture.md")).stream().map(String::strip).toList());
        assertThat(readme).as("docs/architecture.md's lifecycle table (indented as a list item)")
                .contains(LifecycleTable.markdown().strip());
    }

    @Test
    void aRunningJobAllowsNothingAndARefusedStartChangesNothing() {
        Lifecycle running = LifecycleTable.start(protectedItem(), Operation.PLANNED_FAILOVER, "f1", "item");
        assertThat(running.status()).isEqualTo(ItemStatus.FAILOVER_IN_PROGRESS);
        assertThat(LifecycleTable.allowed(running)).isEmpty();
        assertThat(LifecycleTable.start(running, Operation.PLANNED_FAILOVER, "f1", "item")).as("the same call again")
                .isEqualTo(running);
        assertThatThrownBy(() -> LifecycleTable.start(running, Operation.COMMIT, "c1", "item"))
                .isInstanceOf(OperationNotAllowedException.class).hasMessageContaining("FailoverInProgress");
    }

    @Test
    void aFailureBeforeTheFirstChangingStageReturnsWhereTheJobStarted() {
        Lifecycle running = LifecycleTable.start(protectedItem(), Operation.UNPLANNED_FAILOVER, "f1", "item");
        Lifecycle settled = LifecycleTable.settle(running, Optional.of(new Job("f1", "w", "vm", null, JobState.Failed,
                List.of(Task.notStarted("create-failover-disks", "x")), false, null, 0, Map.of(), Instant.now(),
                Instant.now())));
        assertThat(settled.status()).isEqualTo(ItemStatus.PROTECTED);
        assertThat(settled.replicates()).isTrue();
        assertThat(settled.lastJobId()).isEqualTo("f1");
    }

    @Test
    void aJobCancelledBeforeItsFirstStageRanChangedNothing() {
        Lifecycle running = LifecycleTable.start(protectedItem(), Operation.PLANNED_FAILOVER, "f1", "item");
        Task cancelledUnrun = Task.notStarted("deallocate-source-vm", "x").ended(TaskState.Cancelled,
                Instant.now());
        Lifecycle settled = LifecycleTable.settle(running, Optional.of(new Job("f1", "w", "vm", null,
                JobState.Cancelled, List.of(cancelledUnrun), true, null, 0, Map.of(), Instant.now(), Instant.now())));
        assertThat(settled.status()).isEqualTo(ItemStatus.PROTECTED);
    }

    @Test
    void aFailureAfterItSettlesInAStateThatAllowsOnlyWhatIsSafe() {
        Lifecycle commit = new Lifecycle(ItemStatus.FAILED_OVER_PENDING_COMMIT, DrillStatus.NONE, "Planned", List.of("f1"),
                "p", null, null, "f1");
        Lifecycle running = LifecycleTable.start(commit, Operation.COMMIT, "c1", "item");
        Job failed = new Job("c1", "w", "vm", null, JobState.Failed, List.of(Task.notStarted("keep-deleted-data", "x")
                .started(Instant.now(), 1).ended(TaskState.Failed, Instant.now())), false, null, 0, Map.of(), Instant.now(), Instant.now());
        Lifecycle settled = LifecycleTable.settle(running, Optional.of(failed));
        assertThat(settled.status()).isEqualTo(ItemStatus.COMMIT_FAILED);
        assertThat(LifecycleTable.allowed(settled)).containsExactly(Operation.COMMIT);
    }

    @Test
    void aFailedFailoverOrDrillRemembersWhatItMayHaveCreated() {
        Lifecycle running = LifecycleTable.start(protectedItem(), Operation.TEST_FAILOVER, "d1", "item");
        Job failed = new Job("d1", "w", "vm", null, JobState.Failed, List.of(Task.notStarted("create-failover-disks", "x")
                .started(Instant.now(), 1)), false, null, 0, Map.of(), Instant.now(), Instant.now());
        Lifecycle settled = LifecycleTable.settle(running, Optional.of(failed));
        assertThat(settled.drill()).isEqualTo(DrillStatus.WAITING_FOR_CLEANUP);
        assertThat(settled.drillJobId()).isEqualTo("d1");
        assertThat(LifecycleTable.allowed(settled)).contains(Operation.TEST_FAILOVER_CLEANUP)
                .doesNotContain(Operation.DISABLE_PROTECTION, Operation.TEST_FAILOVER);
    }

    @Test
    void noStateThatFollowsADestroyingFailureAllowsAnOperationThatDeletesTheOnlyCopy() {
        // after a failed change point the failed-over VM may be gone: commit (deletes every point) is refused
        assertThat(allowedIn(ItemStatus.CHANGE_RECOVERY_POINT_FAILED)).doesNotContain(Operation.COMMIT);
        // after a failed commit the points may be gone: cancel and change (delete the running VM) are refused
        assertThat(allowedIn(ItemStatus.COMMIT_FAILED)).containsExactly(Operation.COMMIT);
        assertThat(allowedIn(ItemStatus.CANCEL_FAILED)).containsExactly(Operation.CANCEL_FAILOVER);
        assertThat(allowedIn(ItemStatus.DISABLE_FAILED)).containsExactly(Operation.DISABLE_PROTECTION);
        assertThat(allowedIn(ItemStatus.FAILOVER_FAILED)).containsExactly(Operation.CANCEL_FAILOVER);
    }

    private static List<Operation> allowedIn(ItemStatus status) {
        return LifecycleTable.allowed(new Lifecycle(status, DrillStatus.NONE, null, List.of(), null, null, null, null));
    }
}
