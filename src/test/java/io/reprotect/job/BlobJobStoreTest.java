package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlobJobStoreTest {

    static BlobContainerClient container;
    static BlobJobStore store;

    @BeforeAll
    static void azurite() {
        container = TestJobs.freshContainer("jobstore");
        store = new BlobJobStore(container);
    }

    @AfterAll
    static void cleanUp() {
        container.deleteIfExists();
    }

    @Test
    void createdJobReadsBackEqualWithItsEtag() {
        Job job = TestJobs.newJob("vm-roundtrip");
        Versioned<Job> created = store.create(job);
        Versioned<Job> read = store.get(job.id()).orElseThrow();
        assertThat(read.value()).isEqualTo(job);
        assertThat(read.etag()).isEqualTo(created.etag());
    }

    @Test
    void unknownJobIsEmpty() {
        assertThat(store.get("no-such-job")).isEmpty();
    }

    @Test
    void sameJobIdTwiceIsADuplicate() {
        Job job = TestJobs.newJob("vm-duplicate");
        store.create(job);
        assertThatThrownBy(() -> store.create(job)).isInstanceOf(JobAlreadyExistsException.class);
    }

    @Test
    void secondJobForABusyVmIsRefusedNamingTheActiveJob() {
        Job first = TestJobs.newJob("vm-busy");
        store.create(first);
        Job second = TestJobs.newJob("vm-busy");
        assertThatThrownBy(() -> store.create(second)).isInstanceOfSatisfying(VmBusyException.class,
                e -> assertThat(e.activeJobId()).isEqualTo(first.id()));
        assertThat(store.get(second.id())).as("the refused job leaves no record").isEmpty();
    }

    @Test
    void vmIsFreeAgainOnceItsJobHasEnded() {
        Job first = TestJobs.newJob("vm-free-again");
        Versioned<Job> created = store.create(first);
        store.update(first.withState(JobState.Succeeded).withoutPending(), created.etag());
        Job second = TestJobs.newJob("vm-free-again");
        assertThat(store.create(second).value().id()).isEqualTo(second.id());
    }

    @Test
    void vmIdsDifferingOnlyInCaseAreOneVm() {
        Job first = TestJobs.newJob("vm-case");
        store.create(first);
        Job upper = TestJobs.newJob("VM-CASE");
        assertThatThrownBy(() -> store.create(upper)).isInstanceOf(VmBusyException.class);
    }

    @Test
    void updateWithAStaleEtagIsRefused() {
        Job job = TestJobs.newJob("vm-stale");
        Versioned<Job> created = store.create(job);
        store.update(job.withCancelRequested(true), created.etag());
        assertThatThrownBy(() -> store.update(job.withState(JobState.InProgress), created.etag()))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store.get(job.id()).orElseThrow().value().cancelRequested()).isTrue();
    }

    @Test
    void reclaimFailsWhileAnotherJobHoldsTheVm() {
        Job failed = TestJobs.newJob("vm-reclaim");
        Versioned<Job> created = store.create(failed);
        store.update(failed.withState(JobState.Failed), created.etag());
        Job other = TestJobs.newJob("vm-reclaim");
        store.create(other);
        assertThatThrownBy(() -> store.reclaimVm(failed)).isInstanceOf(VmBusyException.class);
    }

    @Test
    void twentyConcurrentSubmissionsForOneVmCreateExactlyOneJob() throws Exception {
        int submitters = 20;
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            Callable<String> submit = () -> {
                start.await();
                try {
                    return store.create(TestJobs.newJob("vm-race")).value().id();
                } catch (VmBusyException e) {
                    return null;
                }
            };
            results.add(pool.submit(submit));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> result : results) {
            String id = result.get();
            if (id != null) {
                winners.add(id);
            }
        }
        pool.shutdown();
        assertThat(winners).hasSize(1);
        assertThat(container.listBlobsByHierarchy("jobs/").stream()
                .filter(b -> store.get(b.getName().replace("jobs/", "").replace(".json", ""))
                        .map(v -> v.value().vmId().endsWith("vm-race")).orElse(false))
                .count()).as("job records left for the VM").isEqualTo(1);
    }
}
