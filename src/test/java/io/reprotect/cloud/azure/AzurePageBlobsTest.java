package io.reprotect.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.reprotect.cloud.BlobRef;
import io.reprotect.cloud.BlobState;
import io.reprotect.cloud.CopyStatus;
import io.reprotect.local.AzuriteBlobAccounts;
import io.reprotect.local.AzuriteLauncher;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blob data-plane port against Azurite, the real Blob service emulator: what the stages rely on it to say. */
class AzurePageBlobsTest {

    private static final String ENDPOINT = AzuriteLauncher.accountEndpoint("primaryregion");
    private static final int PAGE = 512;

    private final AzuriteBlobAccounts accounts = new AzuriteBlobAccounts();
    private final AzurePageBlobs blobs = new AzurePageBlobs(accounts);
    private final String container = "port-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void azurite() {
        AzuriteLauncher.ensureRunning();
    }

    @Test
    void aMissingBlobIsNotFoundAndDeletingItIsSuccess() {
        blobs.createContainerIfMissing(ENDPOINT, container);
        BlobRef missing = BlobRef.of(ENDPOINT, container, "missing.vhd");

        assertThat(blobs.find(missing)).isEmpty();
        assertThat(blobs.exists(missing)).isFalse();
        blobs.deleteIfExists(missing);
        blobs.deleteWithSnapshots(missing);
    }

    @Test
    void pagesWrittenAreAllocatedAndAResizeKeepsThem() {
        blobs.createContainerIfMissing(ENDPOINT, container);
        BlobRef blob = BlobRef.of(ENDPOINT, container, "disk.vhd");
        blobs.create(blob, 8 * PAGE);
        blobs.writePages(blob, 2 * PAGE, new byte[PAGE]);
        blobs.resize(blob, 16 * PAGE);

        assertThat(blobs.sizeBytes(blob)).isEqualTo(16 * PAGE);
        assertThat(blobs.allocatedBytes(blob)).isEqualTo(PAGE);
        assertThat(blobs.url(blob)).startsWith(ENDPOINT).endsWith(container + "/disk.vhd");
    }

    @Test
    void aServerSideCopyReportsItsStatusAndKeepsItsMetadata() {
        blobs.createContainerIfMissing(ENDPOINT, container);
        BlobRef source = BlobRef.of(ENDPOINT, container, "source.vhd");
        blobs.create(source, 4 * PAGE);
        BlobRef copy = BlobRef.of(ENDPOINT, container, "copy.vhd");

        blobs.startCopy(copy, readUrl(source), Map.of("seedsourcedisk", "disk-1"));

        Optional<BlobState> state = blobs.find(copy);
        assertThat(state).isPresent();
        assertThat(state.get().copyStatus()).isIn(CopyStatus.PENDING, CopyStatus.SUCCESS);
        assertThat(state.get().metadata()).containsEntry("seedsourcedisk", "disk-1");
        assertThat(blobs.sizeBytesAt(readUrl(source))).isEqualTo(4 * PAGE);
    }

    @Test
    void aSnapshotIsFoundAgainByItsMetadataAndGoesWithItsBlob() {
        blobs.createContainerIfMissing(ENDPOINT, container);
        BlobRef blob = BlobRef.of(ENDPOINT, container, "replica.vhd");
        blobs.create(blob, 4 * PAGE);
        assertThat(blobs.findSnapshot(blob, "recoverypointjob", "job-1")).isEmpty();

        String snapshot = blobs.takeSnapshot(blob, Map.of("recoverypointjob", "job-1"));

        assertThat(blobs.findSnapshot(blob, "recoverypointjob", "job-1")).contains(snapshot);
        assertThat(blobs.findSnapshot(blob, "recoverypointjob", "job-2")).isEmpty();
        assertThat(blobs.sizeBytes(new BlobRef(ENDPOINT, container, "replica.vhd", snapshot))).isEqualTo(4 * PAGE);
        blobs.deleteWithSnapshots(blob);
        assertThat(blobs.exists(blob)).isFalse();
        assertThat(blobs.findSnapshot(blob, "recoverypointjob", "job-1")).isEmpty();
    }

    @Test
    void onlyAnEmptyContainerIsDeleted() {
        blobs.createContainerIfMissing(ENDPOINT, container);
        BlobRef blob = BlobRef.of(ENDPOINT, container, "kept.vhd");
        blobs.create(blob, PAGE);

        blobs.deleteContainerIfEmpty(ENDPOINT, container);
        assertThat(blobs.containerExists(ENDPOINT, container)).as("holds a blob: kept").isTrue();

        blobs.deleteIfExists(blob);
        blobs.deleteContainerIfEmpty(ENDPOINT, container);
        assertThat(blobs.containerExists(ENDPOINT, container)).isFalse();
        blobs.deleteContainerIfEmpty(ENDPOINT, container); // already gone: success
    }

    private String readUrl(BlobRef blob) {
        BlobClient client = accounts.account(blob.blobEndpoint()).getBlobContainerClient(blob.container())
                .getBlobClient(blob.name());
        return client.getBlobUrl() + "?" + client.generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusHours(1), new BlobSasPermission().setReadPermission(true)));
    }
}
