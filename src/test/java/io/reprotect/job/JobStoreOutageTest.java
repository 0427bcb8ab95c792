package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import io.reprotect.api.StoreUnavailableMapper;
import io.reprotect.local.AzuriteLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The job store when storage restarts empty, hangs or is down. */
public class JobStoreOutageTest {

    public static StorageClientConfig client(Duration timeout, int tries) {
        return new StorageClientConfig() {
            public Duration requestTimeout() {
                return timeout;
            }

            public int maxTries() {
                return tries;
            }
        };
    }

    public static StorageConfig config(String connectionString) {
        return new StorageConfig() {
            public Optional<String> blobEndpoint() {
                return Optional.empty();
            }

            public Optional<String> connectionString() {
                return Optional.of(connectionString);
            }

            public String jobContainer() {
                return "reprotect-jobs";
            }
        };
    }

    public static String connectionStringFor(int port) {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
                + AzuriteLauncher.DEV_KEY + ";BlobEndpoint=http://127.0.0.1:" + port
                + "/devstoreaccount1;";
    }

    @Test
    void aStoreWhoseContainerVanishedCreatesItAgainOnTheNextWrite() {
        BlobContainerClient container = TestJobs.freshContainer("outage");
        BlobJobStore store = new BlobJobStore(container);
        Job before = TestJobs.newJob("vm-before-restart");
        store.create(before);
        container.delete(); // storage restarted empty
        assertThat(store.get(before.id())).isEmpty();
        assertThat(store.claimingJobIds()).isEmpty();

        Job after = TestJobs.newJob("vm-before-restart");
        Versioned<Job> created = store.create(after);

        assertThat(store.get(after.id())).map(Versioned::value).contains(created.value());
        assertThat(store.claimingJobIds()).containsExactly(after.id());
        container.delete();
    }

    @Test
    void aStoreThatHangsIsTriedOnlyTheConfiguredNumberOfTimes() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!hanging.isClosed()) {
                    try {
                        held.add(hanging.accept()); // accept, never answer
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            StorageConfig config = config(connectionStringFor(hanging.getLocalPort()));
            BlobJobStore store = new BlobJobStore(JobStoreProducer.builder(config, client(Duration.ofSeconds(1), 2))
                    .buildClient()
                    .getBlobContainerClient("reprotect-jobs"));

            assertThatThrownBy(() -> store.get("any")).isInstanceOf(RuntimeException.class);
            assertThat(connections).as("requests sent: the SDK default would send 4").hasValue(2);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aStoreThatIsDownAnswersStoreUnavailableWhichTheApiTurnsInto503WithRetryAfter() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StorageConfig config = config(connectionStringFor(port));
        BlobJobStore store = new BlobJobStore(JobStoreProducer.builder(config, client(Duration.ofSeconds(1), 2))
                .buildClient().getBlobContainerClient("reprotect-jobs"));

        for (Runnable call : List.<Runnable>of(() -> store.get("any"), () -> store.create(TestJobs.newJob("vm-down")),
                store::claimingJobIds)) {
            assertThatThrownBy(call::run).isInstanceOf(StoreUnavailableException.class);
        }
        StoreUnavailableException outage = new StoreUnavailableException(new java.io.IOException("Connection refused"));
        jakarta.ws.rs.core.Response response = new StoreUnavailableMapper().storeUnavailable(outage);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("10");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    }
}
