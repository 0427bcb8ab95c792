package io.reprotect.local.arm;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.models.PageRangeItem;
import com.azure.storage.blob.specialized.PageBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.cloud.VhdFooter;
import io.reprotect.local.AzuriteLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.UUID;

/**
 * Disk PUT with {@code createOption: Import}: checks what Azure checks before it imports a page blob
 * (storageAccountId given, the account exists in the disk's region and holds the blob, the blob
 * exists and is a page blob ending in a valid fixed-VHD footer whose size is the blob's minus 512 and
 * a whole number of MiB), then copies the blob's allocated pages (not the footer) into the new disk.
 * Until the operation ends the disk reads {@code provisioningState: Creating}, as Azure's does while it imports
 * (and reads the source blob); {@link #hold} keeps it there.
 */
final class DiskImports {

    private static final long GIB = 1L << 30;
    private static final int MAX_PAGE_WRITE = 4 << 20;

    private final ArmStore store;
    private final LongRunningOperations lro;
    private final DiskBlobs blobs;
    /** While true, imports stay Creating (their operation InProgress), as a multi-TiB import does for hours. */
    private volatile boolean held;

    DiskImports(ArmStore store, LongRunningOperations lro, DiskBlobs blobs) {
        this.store = store;
        this.lro = lro;
        this.blobs = blobs;
    }

    ArmResponse create(ArmRequest r, ResourcePath p, String region) {
        JsonNode body = r.body();
        String accountId = Json.at(body, "/properties/creationData/storageAccountId");
        String sourceUri = Json.at(body, "/properties/creationData/sourceUri");
        if (sourceUri == null) {
            return invalid("Required parameter 'creationData.sourceUri' is missing (null).");
        }
        if (accountId == null) {
            return invalid("Required parameter 'creationData.storageAccountId' is missing (null); it is required "
                    + "for createOption Import.");
        }
        ObjectNode account = store.get(accountId.startsWith("/") ? accountId : "/" + accountId);
        if (account == null || !account.get("type").asText().equalsIgnoreCase(StorageRoutes.ACCOUNT)) {
            return ArmResponse.error(404, "StorageAccountNotFound", "Storage account " + accountId + " was not found.");
        }
        String endpoint = account.at("/properties/primaryEndpoints/blob").asText();
        if (!sourceUri.startsWith(endpoint)) {
            return invalid("Source URI " + sourceUri + " is not a blob of storage account " + accountId + ".");
        }
        if (!account.get("location").asText().equals(region)) {
            return invalid("Storage account " + accountId + " is in " + account.get("location").asText()
                    + "; a disk in " + region + " cannot be imported from it.");
        }
        if (URI.create(sourceUri).getQuery() != null) {
            return invalid("Source URI must name a blob, without query (snapshot or SAS): " + sourceUri);
        }
        PageBlobClient source = pageBlob(sourceUri);
        long size;
        byte[] footer;
        try {
            var props = source.getProperties();
            if (props.getBlobType() != com.azure.storage.blob.models.BlobType.PAGE_BLOB) {
                return invalid("Blob " + sourceUri + " is a " + props.getBlobType() + "; only page blobs can be imported.");
            }
            size = props.getBlobSize();
            footer = read(source, size - VhdFooter.FOOTER_BYTES, VhdFooter.FOOTER_BYTES);
        } catch (BlobStorageException e) {
            return invalid("Blob " + sourceUri + " could not be read: " + e.getErrorCode());
        }
        try {
            VhdFooter.parse(footer, size);
        } catch (IllegalArgumentException e) {
            return invalid("The VHD at " + sourceUri + " is not supported: " + e.getMessage()
                    + ". Disk is expected to be a fixed VHD ending in a footer with cookie 'conectix'.");
        }
        long virtual = size - VhdFooter.FOOTER_BYTES;
        int sizeGb = (int) ((virtual + GIB - 1) / GIB);
        String id = p.id();
        ObjectNode disk = Json.resource(id, p.name(), ComputeRoutes.DISK, region, body.get("tags"));
        String sku = body.at("/sku/name").asText("Standard_LRS");
        disk.putObject("sku").put("name", sku).put("tier", sku.startsWith("Premium") ? "Premium" : "Standard");
        ObjectNode props = Json.props(disk);
        props.putObject("creationData").put("createOption", "Import").put("sourceUri", sourceUri)
                .put("storageAccountId", accountId);
        for (String field : new String[] {"osType", "hyperVGeneration"}) {
            if (body.at("/properties/" + field).isTextual()) {
                props.put(field, body.at("/properties/" + field).asText());
            }
        }
        if (body.at("/properties/encryption").isObject()) {
            props.set("encryption", body.at("/properties/encryption").deepCopy());
        }
        props.put("diskSizeGB", sizeGb).put("diskSizeBytes", sizeGb * GIB).put("uniqueId", UUID.randomUUID().toString())
                .put("provisioningState", "Creating").put("diskState", "Unattached");
        DiskBlobs.BlobRef ref = blobs.createEmpty(region, ("disks/" + p.resourceGroup() + "/" + p.name())
                .toLowerCase(java.util.Locale.ROOT), sizeGb * GIB);
        copyPages(source, blobs.pageBlob(ref), virtual);
        store.putBlob(id, ref);
        store.put(disk);
        return lro.accept(r, LongRunningOperations.Kind.DISK, region, disk.deepCopy(),
                () -> props.put("provisioningState", "Succeeded"), null, () -> props.put("provisioningState", "Failed"),
                () -> held);
    }

    /** Holds imports Creating (true) or lets them finish (false). */
    void hold(boolean value) {
        held = value;
    }

    private static void copyPages(PageBlobClient from, PageBlobClient to, long limit) {
        for (PageRangeItem item : from.listPageRanges(new BlobRange(0, limit))) {
            if (item.isClear()) {
                continue;
            }
            long start = item.getRange().getOffset();
            long end = Math.min(start + item.getRange().getLength(), limit);
            for (long at = start; at < end; at += MAX_PAGE_WRITE) {
                int n = (int) Math.min(MAX_PAGE_WRITE, end - at);
                to.uploadPages(new PageRange().setStart(at).setEnd(at + n - 1),
                        new ByteArrayInputStream(read(from, at, n)));
            }
        }
    }

    private static byte[] read(PageBlobClient blob, long offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        blob.downloadStreamWithResponse(out, new BlobRange(offset, (long) length), null, null, false, null, null);
        return out.toByteArray();
    }

    /** The page blob at an Azurite URL {@code http://host:port/account/container/blob}. */
    private static PageBlobClient pageBlob(String url) {
        String path = URI.create(url).getPath().substring(1);
        String[] parts = path.split("/", 3);
        return new BlobServiceClientBuilder().connectionString(AzuriteLauncher.connectionString(parts[0])).buildClient()
                .getBlobContainerClient(parts[1]).getBlobClient(parts[2]).getPageBlobClient();
    }

    private static ArmResponse invalid(String message) {
        return ArmResponse.error(400, "InvalidParameter", message);
    }
}
