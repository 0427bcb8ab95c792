package io.reprotect.cloud.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.models.PageRangeItem;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import io.reprotect.cloud.BlobAccounts;
import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.BlobState;
import io.reprotect.cloud.CopyStatus;
import io.reprotect.cloud.PageBlobs;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** {@link PageBlobs} with the Blob SDK's clients, authenticated as {@link BlobAccounts} builds them. */
@ApplicationScoped
public class AzurePageBlobs implements PageBlobs {

    private static final int NOT_FOUND = 404;

    private final BlobAccounts accounts;

    public AzurePageBlobs(BlobAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void createContainerIfMissing(String blobEndpoint, String container) {
        container(blobEndpoint, container).createIfNotExists();
    }

    @Override
    public boolean containerExists(String blobEndpoint, String container) {
        return container(blobEndpoint, container).exists();
    }

    @Override
    public void deleteContainerIfEmpty(String blobEndpoint, String container) {
        BlobContainerClient client = container(blobEndpoint, container);
        if (client.exists() && !client.listBlobs().iterator().hasNext()) {
            client.deleteIfExists();
        }
    }

    @Override
    public Optional<BlobState> find(BlobRef blob) {
        try {
            return Optional.of(state(client(blob).getProperties()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean exists(BlobRef blob) {
        return client(blob).getPageBlobClient().exists();
    }

    @Override
    public long sizeBytes(BlobRef blob) {
        return client(blob).getPageBlobClient().getProperties().getBlobSize();
    }

    @Override
    public long sizeBytesAt(String readUrl) {
        return new BlobClientBuilder().endpoint(readUrl).buildClient().getPageBlobClient().getProperties()
                .getBlobSize();
    }

    @Override
    public void create(BlobRef blob, long bytes) {
        client(blob).getPageBlobClient().create(bytes);
    }

    @Override
    public void resize(BlobRef blob, long bytes) {
        client(blob).getPageBlobClient().resize(bytes);
    }

    @Override
    public void startCopy(BlobRef blob, String sourceUrl, Map<String, String> metadata) {
        client(blob).beginCopy(new BlobBeginCopyOptions(sourceUrl).setMetadata(metadata));
    }

    @Override
    public void deleteIfExists(BlobRef blob) {
        client(blob).deleteIfExists();
    }

    @Override
    public void writePages(BlobRef blob, long offset, byte[] pages) {
        client(blob).getPageBlobClient().uploadPages(new PageRange().setStart(offset).setEnd(offset + pages.length - 1),
                new ByteArrayInputStream(pages));
    }

    @Override
    public String takeSnapshot(BlobRef blob, Map<String, String> metadata) {
        return client(blob).createSnapshotWithResponse(metadata, null, null, null).getValue().getSnapshotId();
    }

    @Override
    public Optional<String> findSnapshot(BlobRef blob, String key, String value) {
        return container(blob.blobEndpoint(), blob.container()).listBlobs(new ListBlobsOptions().setPrefix(blob.name())
                .setDetails(new BlobListDetails().setRetrieveSnapshots(true).setRetrieveMetadata(true)), null)
                .stream()
                .filter(b -> b.getSnapshot() != null && b.getName().equals(blob.name())
                        && b.getMetadata() != null && value.equals(b.getMetadata().get(key)))
                .findFirst().map(BlobItem::getSnapshot);
    }

    @Override
    public void deleteWithSnapshots(BlobRef blob) {
        try {
            client(blob).deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, null);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public long allocatedBytes(BlobRef blob) {
        long allocated = 0;
        for (PageRangeItem range : client(blob).getPageBlobClient().listPageRanges(new BlobRange(0))) {
            allocated += range.getRange().getLength();
        }
        return allocated;
    }

    @Override
    public String url(BlobRef blob) {
        return client(blob).getBlobUrl();
    }

    private BlobContainerClient container(String blobEndpoint, String container) {
        return accounts.account(blobEndpoint).getBlobContainerClient(container);
    }

    private BlobClient client(BlobRef blob) {
        BlobContainerClient container = container(blob.blobEndpoint(), blob.container());
        return blob.snapshot() == null ? container.getBlobClient(blob.name())
                : container.getBlobClient(blob.name(), blob.snapshot());
    }

    private static BlobState state(BlobProperties p) {
        return new BlobState(p.getBlobSize(), p.getMetadata(),
                p.getCopyStatus() == null ? null : new CopyStatus(p.getCopyStatus().toString()), p.getCopyProgress(),
                p.getCopyStatusDescription(),
                Optional.ofNullable(p.getCopyCompletionTime()).map(OffsetDateTime::toInstant).orElse(null));
    }
}
