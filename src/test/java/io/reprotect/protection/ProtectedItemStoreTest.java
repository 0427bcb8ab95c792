package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.TestJobs;
import io.reprotect.request.ReplicationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protected items on Azurite: paging, lookup by VM, concurrent changes. */
class ProtectedItemStoreTest {

    final BlobContainerClient container = TestJobs.freshContainer("items");
    final ProtectedItemStore store = new ProtectedItemStore(container.getServiceClient(), new StorageConfig() {
        public Optional<String> blobEndpoint() {
            return Optional.empty();
        }

        public Optional<String> connectionString() {
            return Optional.empty();
        }

        public String jobContainer() {
            return container.getBlobContainerName();
        }
    });

    @AfterEach
    void clean() {
        container.deleteIfExists();
    }

    static ProtectedItem item(String vm) {
        String vmId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/" + vm;
        return new ProtectedItem(ProtectedItemStore.idOf(vmId), vmId, Lifecycle.protectedNow("job"),
                new ItemPlacement(ProtectedItem.RECOVERY, null, "westeurope", null, "rg", null,
                        new Outputs.AccountRef("a", "a", "http://a/"), null, null),
                new ReplicationPolicy(24, 5, 0), new ReplicaSet(List.of(), List.of(), List.of(), List.of()),
                ReplicationHealth.none(), ProtectedItem.CycleStatus.none(),
                new ProtectionOrigin("job", Instant.parse("2026-11-28T00:00:00Z"), null));
    }

    @Test
    void listingPagesThroughEveryItemOnceAndFindsOneByItsVmIdInAnyCase() {
        for (int i = 0; i < 5; i++) {
            store.create(item("vm" + i));
        }
        List<String> seen = new ArrayList<>();
        String continuation = null;
        int pages = 0;
        do {
            ProtectedItemStore.Page page = store.list(2, continuation);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(i -> seen.add(i.vmId()));
            continuation = page.continuation();
            pages++;
        } while (continuation != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
        assertThat(store.findByVm(item("vm3").vmId().toUpperCase())).map(ProtectedItem::vmId)
                .contains(item("vm3").vmId());
        assertThat(store.get("../jobs/x")).as("ids are checked, never paths").isEmpty();
    }

    @Test
    void concurrentChangesAreBothKept() throws Exception {
        ProtectedItem item = item("vm-race");
        store.create(item);
        CountDownLatch go = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            await(go);
            store.change(item.id(), i -> i.withHealthErrors(HealthErrors.with(i.health().healthErrors(),
                    HealthErrors.snapshotLimit("x", Instant.now()))));
        });
        other.start();
        go.countDown();
        store.change(item.id(), i -> i.withHealthErrors(HealthErrors.with(i.health().healthErrors(),
                HealthErrors.sourceVmNotFound(i.vmId(), Instant.now()))));
        other.join();
        assertThat(store.get(item.id()).orElseThrow().health().healthErrors()).extracting(HealthError::code)
                .containsExactlyInAnyOrder(HealthErrors.SNAPSHOT_LIMIT, HealthErrors.SOURCE_VM_NOT_FOUND);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
