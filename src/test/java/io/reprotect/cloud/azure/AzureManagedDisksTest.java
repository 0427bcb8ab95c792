package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.DiskInfo;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.local.arm.DemoSeed;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureManagedDisksTest {

    static final int MIB = 1 << 20;
    static CloudFixture f;

    @BeforeAll
    static void start() {
        f = CloudFixture.start();
        // The copy source must not be attached to a running VM, as in Azure.
        f.vms().deallocate(f.demo.sourceVmId());
        f.vms().deallocate(f.demo.targetVmId());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void diskShowsSizeRegionSkuAndOwner() {
        DiskInfo disk = f.disks().find(f.demo.sourceDiskIds().get(1)).orElseThrow();
        assertEquals("app01-datadisk-asr", disk.name());
        assertEquals("northeurope", disk.region());
        assertEquals(1, disk.sizeGb());
        assertEquals(1L << 30, disk.sizeBytes());
        assertEquals("Premium_LRS", disk.sku());
        assertTrue(disk.managedBy().equalsIgnoreCase(f.demo.sourceVmId()));
    }

    @Test
    void missingDiskIsEmpty() {
        assertTrue(f.disks().find(f.id("app-rg", "Microsoft.Compute/disks", "nope")).isEmpty());
    }

    @Test
    void grantedSasReadsTheDiskBytesFromAzurite() throws Exception {
        String diskId = f.demo.sourceDiskIds().get(1);
        AccessGrant grant = f.disks().grantRead(diskId, Duration.ofMinutes(5));
        try {
            assertEquals("ActiveSAS", f.disks().find(diskId).orElseThrow().diskState());
            assertTrue(grant.expiresOn().isAfter(Instant.now().plusSeconds(200)));
            byte[] firstMib = httpGet(grant.sasUrl(), 0, MIB);
            assertArrayEquals(Arrays.copyOf(DemoSeed.pattern(2, MIB), MIB), firstMib);
            byte[] rewritten = httpGet(grant.sasUrl(), MIB, MIB);
            assertArrayEquals(DemoSeed.pattern(3, MIB), rewritten);
        } finally {
            f.disks().revoke(diskId);
        }
        assertEquals("Reserved", f.disks().find(diskId).orElseThrow().diskState());
    }

    @Test
    void grantedSasIsReadOnly() throws Exception {
        String diskId = f.demo.sourceDiskIds().get(0);
        AccessGrant grant = f.disks().grantRead(diskId, Duration.ofMinutes(1));
        try {
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(grant.sasUrl())
                    .header("x-ms-blob-type", "BlockBlob").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, put.statusCode());
        } finally {
            f.disks().revoke(diskId);
        }
    }

    @Test
    void seedCopyFromTheSasIsAServerSideCopyIntoThePrimaryRegion() {
        String diskId = f.demo.sourceDiskIds().get(1);
        AccessGrant grant = f.disks().grantRead(diskId, Duration.ofMinutes(5));
        BlobContainerClient seeds = new BlobServiceClientBuilder()
                .connectionString(AzuriteLauncher.connectionString("primaryregion")).buildClient()
                .getBlobContainerClient("seeds-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            seeds.create();
            var seed = seeds.getBlobClient("app01-datadisk.vhd");
            seed.beginCopy(grant.sasUrl().toString(), Duration.ofMillis(50)).waitForCompletion(Duration.ofMinutes(2));
            assertEquals(1L << 30, seed.getProperties().getBlobSize());
            ByteArrayOutputStream late = new ByteArrayOutputStream();
            seed.downloadStreamWithResponse(late, new BlobRange(DemoSeed.LATE_WRITE_OFFSET, (long) MIB), null, null,
                    false, null, null);
            assertArrayEquals(Arrays.copyOf(DemoSeed.pattern(4, MIB), MIB), late.toByteArray());
        } finally {
            f.disks().revoke(diskId);
            seeds.deleteIfExists();
        }
    }

    @Test
    void grantOnDiskOfRunningVmIsConflict() {
        String osId = f.arm.createDisk("app-rg", "busy-os", "westeurope", 1, "Premium_LRS");
        f.arm.createVm("app-rg", "busy01", "westeurope", osId, java.util.List.of(), null, java.util.Map.of(), "running");
        CloudException e = assertThrows(CloudException.Conflict.class, () -> f.disks().grantRead(osId, Duration.ofMinutes(1)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("Deallocate"), e.getMessage());
    }

    @Test
    void revokedSasNoLongerReads() throws Exception {
        String diskId = f.demo.targetDiskIds().get(1);
        AccessGrant grant = f.disks().grantRead(diskId, Duration.ofMinutes(5));
        assertArrayEquals(DemoSeed.pattern(2, MIB), httpGet(grant.sasUrl(), 0, MIB));
        f.disks().revoke(diskId);
        HttpResponse<byte[]> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(grant.sasUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, after.statusCode());
    }

    @Test
    void revokeWithoutGrantSucceeds() {
        f.disks().revoke(f.demo.targetDiskIds().get(0));
        assertEquals("Reserved", f.disks().find(f.demo.targetDiskIds().get(0)).orElseThrow().diskState());
    }

    @Test
    void grantNeverShowsTheSignatureInItsText() {
        String diskId = f.demo.targetDiskIds().get(1);
        AccessGrant grant = f.disks().grantRead(diskId, Duration.ofMinutes(1));
        f.disks().revoke(diskId);
        assertTrue(grant.sasUrl().getQuery().contains("sig="));
        assertFalse(grant.toString().contains("sig="), grant.toString());
    }

    static byte[] httpGet(URI url, long offset, int length) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("x-ms-range", "bytes=" + offset + "-" + (offset + length - 1)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, r.statusCode(), () -> new String(r.body()));
        return r.body();
    }
}
