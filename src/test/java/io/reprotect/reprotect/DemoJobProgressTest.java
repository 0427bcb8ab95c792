package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.api.JobView;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.job.TaskProgress;
import io.reprotect.job.TaskState;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.protection.Outputs;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README demo job on the real stages: its progress figures, and its survival of a dead pipeline. */
public class DemoJobProgressTest {

    static final long GIB = 1L << 30;
    /** Both demo VMs have two disks of {@link DemoSeed#DISK_SIZE_GB} GiB. */
    public static final long DEMO_DISK_BYTES = 2 * DemoSeed.DISK_SIZE_GB * GIB;

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
    void everyProgressFigureOfTheDemoJobIsTrueAndConsistentAtEveryStep() {
        String id = f.submit(f.request(f.demo.sourceVmId(), "")).id();
        List<JobView> seen = new ArrayList<>();
        Job end = f.runToEnd(id, job -> seen.add(JobView.of(job)));

        assertThat(end.state()).as(ReprotectFixture.describe(end)).isEqualTo(JobState.Succeeded);
        int lastPercent = 0;
        List<TaskProgress> resync = new ArrayList<>();
        for (JobView view : seen) {
            int percent = view.progress().percent();
            assertThat(percent).as("job percent never goes back").isGreaterThanOrEqualTo(lastPercent);
            assertThat(percent).as("100 only once Succeeded").isLessThan(view.state() == JobState.Succeeded ? 101 : 100);
            lastPercent = percent;
            for (JobView.TaskView task : view.tasks()) {
                TaskProgress p = task.progress();
                if (p == null) {
                    continue;
                }
                String what = task.name() + " " + p;
                assertThat(p.done()).as(what).isBetween(0L, p.total());
                assertThat(p.total()).as(what).isPositive();
                // every byte examined while the stage still finishes (keeping its snapshots): 99, never 100
                assertThat(p.percent()).as(what).isEqualTo(Math.min(99, (int) (100.0 * p.done() / p.total())));
                if (p.estimatedEnd() != null) {
                    assertThat(p.estimatedEnd()).as(what).isAfterOrEqualTo(view.updatedAt().minusSeconds(1)); // computed just before the save
                }
                if (task.name().equals("copy-seed")) {
                    assertThat(p.total()).as("the seed disks' size, known up front").isEqualTo(DEMO_DISK_BYTES);
                }
                if (task.name().equals("resync") && task.state() == TaskState.InProgress) {
                    assertThat(p.total()).as("the source disks' size, known up front").isEqualTo(DEMO_DISK_BYTES);
                    resync.add(p);
                }
            }
        }
        assertThat(resync).as("the resync reported progress between its slices").isNotEmpty();
        assertThat(resync).as("an ETA once a rate is known").allMatch(p -> p.done() == 0 || p.estimatedEnd() != null);
        assertThat(resync).anyMatch(p -> p.done() == DEMO_DISK_BYTES / 2 && p.percent() == 50);

        JobView done = JobView.of(end);
        assertThat(done.progress().percent()).isEqualTo(100);
        done.tasks().forEach(t -> assertThat(t.attempts()).as(t.name() + ": no retry, so one attempt").isEqualTo(1));
        assertThat(end.outputs().get(Outputs.TARGET_VM.name()).path("powerState").asText())
                .as("the old primary VM as the job left it").isEqualTo(Outputs.VmSummary.DELETED);
    }

    @Test
    void theDemoJobFinishesAfterThePipelineDiesInTheMiddleOfTheResync() {
        String id = f.submit(f.request(f.demo.sourceVmId(), "")).id();
        Job midResync = f.runToEnd(id, job -> {
            boolean resyncStarted = job.task(ResyncDisks.NAME).map(t -> t.checkpoint() != null).orElse(false);
            if (resyncStarted && !job.state().ended()) {
                f.queue.dropAll(); // the app dies (its in-process queue with it), or someone purges the queues
            }
        });
        assertThat(midResync.state()).as("nothing moves by itself").isEqualTo(JobState.InProgress);
        assertThat(midResync.pending().stage()).isEqualTo(ResyncDisks.NAME);

        assertThat(f.watchdog.run(f.clock.instant().plus(ReprotectFixture.WATCHDOG_GRACE).plusSeconds(1)))
                .containsEntry("stalled-jobs", 1);
        Job end = f.runToEnd(id);

        assertThat(end.state()).as(ReprotectFixture.describe(end)).isEqualTo(JobState.Succeeded);
        Outputs.Replica[] replicas = JobJson.MAPPER.convertValue(end.outputs().get(Outputs.REPLICAS.name()),
                Outputs.Replica[].class);
        for (Outputs.Replica replica : replicas) {
            assertThat(ReprotectFixture.image(f.replicaBlob(replica.blobName())))
                    .as("replica of " + replica.sourceDiskId())
                    .isEqualTo(ReprotectFixture.image(f.arm.blobOf(replica.sourceDiskId())));
        }
    }
}
