package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The history index on Azurite, with List Blobs pages of two names so that paging crosses storage pages. */
class JobHistoryTest {

    private BlobContainerClient container;
    private BlobJobStore store;
    private JobHistory history;

    @BeforeEach
    void freshContainer() {
        container = TestJobs.freshContainer("history");
        store = new BlobJobStore(container);
        history = new JobHistory(container, store, 2);
    }

    private Job ended(String vm, Instant createdAt) {
        Job fresh = TestJobs.newJob(vm);
        Job job = new Job(fresh.id(), fresh.workflow(), fresh.vmId(), fresh.request(), fresh.state(), fresh.tasks(), false,
                fresh.pending(), fresh.sequence(), fresh.outputs(), createdAt, createdAt);
        Versioned<Job> created = store.create(job);
        return store.update(job.withState(JobState.Succeeded).withoutPending(), created.etag()).value();
    }

    private List<List<String>> pages(JobQuery first) {
        List<List<String>> pages = new ArrayList<>();
        JobQuery query = first;
        while (true) {
            JobHistoryPage page = history.list(query);
            pages.add(page.jobs().stream().map(Job::id).toList());
            if (page.next() == null || pages.size() > 20) {
                return pages;
            }
            query = new JobQuery(query.vmId(), query.operation(), query.state(), query.createdAfter(),
                    query.createdBefore(), query.pageSize(), page.next());
        }
    }

    @Test
    void pagesOfThreeAcrossStoragePagesOfTwoReturnEveryJobOnceNewestFirst() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            newestFirst.add(0, ended("vm-" + i, t.plusSeconds(60L * i)).id());
        }
        List<List<String>> pages = pages(new JobQuery(null, null, null, null, null, 3, null));
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(newestFirst);
        assertThat(pages.get(0)).hasSize(3);
    }

    @Test
    void aJobCreatedWhilePagingDoesNotShiftTheNextPage() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            newestFirst.add(0, ended("vm-" + i, t.plusSeconds(60L * i)).id());
        }
        JobHistoryPage first = history.list(new JobQuery(null, null, null, null, null, 2, null));
        ended("vm-new", t.plusSeconds(3600)); // newer than all: sorts before the first page
        JobHistoryPage second = history.list(new JobQuery(null, null, null, null, null, 2, first.next()));
        assertThat(first.jobs()).extracting(Job::id).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(second.jobs()).extracting(Job::id).containsExactlyElementsOf(newestFirst.subList(2, 4));
    }

    @Test
    void aSubmissionRefusedBecauseTheVmIsBusyLeavesNoJobInTheHistory() {
        Job running = store.create(TestJobs.newJob("busy-vm")).value();
        assertThatThrownBy(() -> store.create(TestJobs.newJob("busy-vm"))).isInstanceOf(VmBusyException.class);
        JobHistoryPage page = history.list(new JobQuery(running.vmId(), null, null, null, null, 10, null));
        assertThat(page.jobs()).extracting(Job::id).containsExactly(running.id());
        assertThat(page.next()).isNull();
    }

    @Test
    void aStateFilterThatMatchesNothingStillEnds() {
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            ended("vm-" + i, t.plusSeconds(i));
        }
        List<List<String>> pages = pages(new JobQuery(null, null, JobState.Failed, null, null, 2, null));
        assertThat(pages.stream().flatMap(List::stream)).isEmpty();
        assertThat(pages).hasSizeLessThan(20);
    }
}
