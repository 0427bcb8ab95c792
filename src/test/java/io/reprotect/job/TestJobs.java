package io.reprotect.job;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.pipeline.JobSpec;
import io.reprotect.pipeline.Workflows;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.RequestParser;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Jobs, requests and a fresh job container on Azurite, for tests. */
public final class TestJobs {

    private TestJobs() {
    }

    public static ReprotectRequest request(String vmName) {
        return new RequestParser().parse("{\"vmId\": \"/subscriptions/00000000-0000-0000-0000-000000000001"
                + "/resourceGroups/app-rg-asr/providers/Microsoft.Compute/virtualMachines/" + vmName + "\","
                + " \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}");
    }

    /** A reprotect of {@code request} as the pipeline alone starts it (no admission). */
    public static JobSpec spec(String jobId, ReprotectRequest request) {
        return new JobSpec(jobId, Workflows.REPROTECT, request.vmId().id(), request.toJson(), Map.of(), null);
    }

    public static Job newJob(String vmName) {
        ReprotectRequest request = request(vmName);
        Instant now = Instant.now();
        return new Job(UUID.randomUUID().toString(), Workflows.REPROTECT.name(), request.vmId().id(), request.toJson(),
                JobState.NotStarted,
                Workflows.REPROTECT.stages().stream().map(s -> Task.notStarted(s.name(), s.friendlyName())).toList(),
                false, null, 0, Map.of(), now, now).withPending(Workflows.REPROTECT.first().name(), null);
    }

    /** A new, empty container on the local Azurite. */
    public static BlobContainerClient freshContainer(String prefix) {
        AzuriteLauncher.ensureRunning();
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(AzuriteLauncher.connectionString("devstoreaccount1")).buildClient()
                .getBlobContainerClient(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        container.create();
        return container;
    }
}
