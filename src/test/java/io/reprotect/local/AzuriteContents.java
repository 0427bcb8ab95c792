package io.reprotect.local;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.util.ArrayList;
import java.util.List;

/** What the local Azurite holds, to show that something changed nothing there. */
public final class AzuriteContents {

    private AzuriteContents() {
    }

    /**
     * Every container and blob (name, snapshot, ETag, metadata) of every local account: the replicas and their
     * snapshots, the job store, the protected items and failover statuses, the VM claims.
     */
    public static List<String> all() {
        List<String> all = new ArrayList<>();
        for (String account : AzuriteLauncher.ACCOUNTS) {
            var service = new BlobServiceClientBuilder().connectionString(AzuriteLauncher.connectionString(account))
                    .buildClient();
            service.listBlobContainers().forEach(c -> {
                all.add(account + "/" + c.getName() + " " + c.getProperties().getETag());
                for (BlobItem b : service.getBlobContainerClient(c.getName()).listBlobs(new ListBlobsOptions()
                        .setDetails(new BlobListDetails().setRetrieveSnapshots(true).setRetrieveMetadata(true)), null)) {
                    all.add(account + "/" + c.getName() + "/" + b.getName() + "@" + b.getSnapshot() + " "
                            + b.getProperties().getETag() + " " + b.getMetadata());
                }
            });
        }
        return all;
    }
}
