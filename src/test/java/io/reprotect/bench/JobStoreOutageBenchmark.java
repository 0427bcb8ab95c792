package io.reprotect.bench;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.reprotect.job.BlobJobStore;
import io.reprotect.job.JobStoreOutageTest;
import io.reprotect.job.JobStoreProducer;
import io.reprotect.job.StorageClientConfig;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How long a job store call takes to fail when storage is down (nothing listens on its port), with
 * the app's bounded client and with the storage SDK's defaults. Not part of the suite:
 * {@code ./mvnw -B test -Dtest=JobStoreOutageBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class JobStoreOutageBenchmark {

    @Test
    void timeToFailWhenStorageIsDown() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String connectionString = JobStoreOutageTest.connectionStringFor(port);
        StorageClientConfig defaults = JobStoreOutageTest.client(Duration.ofSeconds(5), 2);
        BlobJobStore bounded = new BlobJobStore(JobStoreProducer.builder(JobStoreOutageTest.config(connectionString),
                defaults).buildClient().getBlobContainerClient("jobs"));
        BlobJobStore sdkDefaults = new BlobJobStore(new BlobServiceClientBuilder().connectionString(connectionString)
                .buildClient().getBlobContainerClient("jobs"));
        for (int run = 1; run <= 3; run++) {
            System.out.printf("run %d: storage down: app's client %.2f s, SDK defaults %.2f s%n", run,
                    secondsToFail(bounded), secondsToFail(sdkDefaults));
        }
    }

    private static double secondsToFail(BlobJobStore store) {
        long start = System.nanoTime();
        try {
            store.get("any");
        } catch (RuntimeException expected) {
            // the failure is what is timed
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
