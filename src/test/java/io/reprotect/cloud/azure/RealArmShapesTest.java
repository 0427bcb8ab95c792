package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.VmInfo;
import io.reprotect.request.ResourceId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shapes real ARM answers with (from the Azure SDK for Java's recorded sessions and the REST
 * API specs' examples), served by the stand-in and met through the real azure-resourcemanager SDK.
 */
class RealArmShapesTest {

    CloudFixture f;

    @BeforeEach
    void start() {
        f = CloudFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.arm.endpoint() + pathAndQuery.substring(1)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void diskOperationsArePolledAtDiskOperationsAndVmOperationsAtOperationsWithRetryAfterZero() throws Exception {
        HttpResponse<String> deallocate = send("POST", f.demo.sourceVmId() + "/deallocate?api-version=2024-07-01", null);
        assertEquals(202, deallocate.statusCode());
        String vmOperation = deallocate.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        assertTrue(vmOperation.contains("/providers/Microsoft.Compute/locations/NorthEurope/operations/"), vmOperation);
        assertTrue(deallocate.headers().firstValue("Location").orElseThrow().contains("/operations/"));
        assertTrue(deallocate.headers().firstValue("Location").orElseThrow().contains("monitor=true"));
        assertEquals("0", deallocate.headers().firstValue("Retry-After").orElseThrow());

        HttpResponse<String> grant = send("POST", f.demo.sourceDiskIds().get(0) + "/beginGetAccess?api-version=2024-03-02",
                "{\"access\":\"Read\",\"durationInSeconds\":60}");
        assertEquals(202, grant.statusCode());
        String diskOperation = grant.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        assertTrue(diskOperation.contains("/providers/Microsoft.Compute/locations/northeurope/DiskOperations/"),
                diskOperation);
        assertTrue(grant.headers().firstValue("Location").orElseThrow().contains("/DiskOperations/"));
        assertEquals("0", grant.headers().firstValue("Retry-After").orElseThrow());
        HttpResponse<String> poll = send("GET", URI.create(diskOperation).getPath() + "?api-version=2024-03-02", null);
        assertEquals(200, poll.statusCode());
        assertEquals("0", poll.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void anIncrementalSnapshotWithoutSkuIsZoneRedundantAsAzureDefaultsIt() throws Exception {
        String id = "/subscriptions/" + f.arm.subscriptionId()
                + "/resourceGroups/app-rg/providers/Microsoft.Compute/snapshots/no-sku-snap";
        HttpResponse<String> put = send("PUT", id + "?api-version=2024-03-02", "{\"location\":\"westeurope\","
                + "\"properties\":{\"incremental\":true,\"creationData\":{\"createOption\":\"Copy\","
                + "\"sourceResourceId\":\"" + f.demo.targetDiskIds().get(0) + "\"}}}");
        assertTrue(put.statusCode() == 200 || put.statusCode() == 202, put.body());
        assertEquals("Standard_ZRS", f.arm.resource(id).path("sku").path("name").asText());
    }

    @Test
    void storageAccountCreationAsksForRetryAfterSeventeenSecondsAndTheLocalCapDoesNotWaitForIt() throws Exception {
        HttpResponse<String> create = send("PUT", "/subscriptions/" + f.arm.subscriptionId()
                + "/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/asrretry01?api-version=2023-05-01",
                "{\"location\":\"westeurope\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"}}");
        assertEquals(202, create.statusCode());
        assertEquals("17", create.headers().firstValue("Retry-After").orElseThrow());
        String location = create.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/providers/Microsoft.Storage/locations/westeurope/asyncoperations/"), location);
        assertFalse(create.headers().firstValue("Azure-AsyncOperation").isPresent());

        // through the SDK with the local settings (Retry-After capped to the poll interval): it completes
        var account = f.storageAccounts().createIfMissing(
                StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg", "asrretry02", "westeurope"));
        assertEquals("asrretry02", account.name());
    }

    @Test
    void anOperationEndingFailedWithARetryLaterCodeIsRetryableAndChangesNothing() {
        f.vms().start(f.demo.targetVmId()); // the demo's old primary VM is deallocated
        f.arm.faults().failOperation("POST", "/deallocate", "InternalExecutionError");
        CloudException e = assertThrows(CloudException.class, () -> f.vms().deallocate(f.demo.targetVmId()));
        assertTrue(e instanceof CloudException.OperationFailed, e.toString());
        assertEquals("InternalExecutionError", e.errorCode());
        assertTrue(e.retryable(), e.getMessage());
        assertNotEquals(PowerState.DEALLOCATED, f.vms().find(f.demo.targetVmId()).orElseThrow().powerState());

        f.vms().deallocate(f.demo.targetVmId());
        assertEquals(PowerState.DEALLOCATED, f.vms().find(f.demo.targetVmId()).orElseThrow().powerState());
    }

    @Test
    void anOperationEndingFailedWithAnyOtherCodeIsPermanentAndNamesTheCode() {
        String snapshotOf = f.demo.sourceDiskIds().get(0);
        f.arm.faults().failOperation("PUT", "/snapshots/", "OperationNotAllowed");
        CloudException e = assertThrows(CloudException.class, () -> f.snapshots()
                .create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "s-failed", "northeurope", snapshotOf, false, Map.of())));
        assertTrue(e instanceof CloudException.OperationFailed, e.toString());
        assertEquals("OperationNotAllowed", e.errorCode());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("OperationNotAllowed"), e.getMessage());
    }

    @Test
    void attachedDiskAndAvailabilitySetIdsComeBackUpperCasedAndStillMatch() {
        VmInfo vm = f.vms().find(f.demo.targetVmId()).orElseThrow();
        assertTrue(vm.osDiskId().contains("/resourceGroups/APP-RG/"), vm.osDiskId());
        assertTrue(vm.availabilitySetId().endsWith("/resourceGroups/APP-RG/providers/Microsoft.Compute/availabilitySets/APP-AVSET"),
                vm.availabilitySetId());
        assertNotEquals(f.demo.targetDiskIds().get(0), vm.osDiskId());
        assertTrue(ResourceId.same(f.demo.targetDiskIds().get(0), vm.osDiskId()));
        assertTrue(f.disks().find(vm.osDiskId()).isPresent(), "ARM looks ids up ignoring case");
        assertEquals(f.demo.targetAvailabilitySetId(), f.availabilitySets().find(vm.availabilitySetId()).orElseThrow().id(),
                "the availability set's own GET gives the name as created");
        String managedBy = f.disks().find(f.demo.targetDiskIds().get(1)).orElseThrow().managedBy();
        assertTrue(managedBy.contains("/resourceGroups/APP-RG/"), managedBy);
    }

    @Test
    void regionsAnsweredAsDisplayNamesAreReadAsRegionNames() throws Exception {
        f.arm.answerLocationsAsDisplayNames(true);
        assertTrue(send("GET", f.demo.targetVmId() + "?api-version=2024-07-01", null).body()
                .contains("\"location\":\"West Europe\""));
        assertEquals("westeurope", f.vms().find(f.demo.targetVmId()).orElseThrow().region());
        assertEquals("northeurope", f.disks().find(f.demo.sourceDiskIds().get(0)).orElseThrow().region());
        assertEquals("westeurope", f.availabilitySets().find(f.demo.targetAvailabilitySetId()).orElseThrow().region());
    }

    @Test
    void theRegionProbeFailsRetryablyWhileTheRegionIsDownThoughItsResourceGroupsStillRead() {
        AzureRegionProbe probe = new AzureRegionProbe(f.managers);
        probe.probe(f.arm.subscriptionId(), "westeurope");
        f.arm.faults().regionDown("westeurope", 1);
        CloudException e = assertThrows(CloudException.class, () -> probe.probe(f.arm.subscriptionId(), "westeurope"));
        assertTrue(e.retryable(), e.toString());
        assertEquals(503, e.status());
        f.arm.faults().regionDown("westeurope", 1);
        assertTrue(f.resourceGroups().find(f.arm.subscriptionId(), "app-rg").isPresent(), "ARM's global front end still answers");
        assertTrue(f.arm.actionsSeen().contains("Microsoft.Compute/locations/usages/read"));
    }

    @Test
    void grantingAccessAgainWhileASasIsActiveGivesAWorkingSasAndRevokeEndsBoth() throws Exception {
        f.vms().deallocate(f.demo.sourceVmId());
        var snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "s-twice", "northeurope",
                f.demo.sourceDiskIds().get(0), true, Map.of()));
        var first = f.disks().grantRead(snap.id(), Duration.ofMinutes(5));
        assertEquals("ActiveSAS", f.arm.resource(snap.id()).at("/properties/diskState").asText());
        var second = f.disks().grantRead(snap.id(), Duration.ofMinutes(5));
        assertEquals(1 << 20, AzureManagedDisksTest.httpGet(second.sasUrl(), 0, 1 << 20).length);
        assertEquals(1 << 20, AzureManagedDisksTest.httpGet(first.sasUrl(), 0, 1 << 20).length);
        f.disks().revoke(snap.id());
        assertEquals(403, HttpClient.newHttpClient().send(HttpRequest.newBuilder(first.sasUrl()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void aSnapshotOutlivesItsDiskAndASnapshotOfTheGoneDiskIsNotFound() throws Exception {
        String disk = f.arm.createDisk("app-rg-asr", "scratch", "northeurope", 1, "Standard_LRS");
        var snap = f.snapshots().create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "s-orphan", "northeurope", disk, true, Map.of()));
        f.arm.deleteDisk(disk);

        assertTrue(f.disks().find(disk).isEmpty());
        assertTrue(f.snapshots().find(snap.id()).isPresent(), "the snapshot outlives its disk");
        var grant = f.disks().grantRead(snap.id(), Duration.ofMinutes(1));
        assertEquals(4096, AzureManagedDisksTest.httpGet(grant.sasUrl(), 0, 4096).length);
        f.disks().revoke(snap.id());

        CloudException e = assertThrows(CloudException.class, () -> f.snapshots()
                .create(new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", "s-of-gone", "northeurope", disk, true, Map.of())));
        assertTrue(e instanceof CloudException.NotFound, e.toString());
        assertEquals("NotFound", e.errorCode());
        CloudException gone = assertThrows(CloudException.class, () -> f.disks().grantRead(disk, Duration.ofMinutes(1)));
        assertEquals("ResourceNotFound", gone.errorCode());
    }
}
