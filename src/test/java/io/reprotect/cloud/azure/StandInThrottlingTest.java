package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.local.arm.ThrottlingBudgets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in throttles as Azure does, seen through the real SDK and the adapters' error classification. */
class StandInThrottlingTest {

    CloudFixture f;
    /** The stand-in's buckets read this clock when a test asks (time stands still until advanced). */
    final StepClock clock = new StepClock();
    /** Adapters that do not hold calls back, to see the stand-in's own answers. */
    AzureSnapshots snapshots;
    AzureVirtualMachines vms;

    @BeforeEach
    void start() {
        f = CloudFixture.start();
        ArmManagers unguarded = ArmManagers.connect(ArmSettings.local(f.arm.endpoint(), f.arm.subscriptionId(),
                CloudFixture.FAST_POLL).withBudgetReserve(0));
        snapshots = new AzureSnapshots(unguarded);
        vms = new AzureVirtualMachines(unguarded);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void offByDefaultNoBudgetHeaders() throws Exception {
        HttpResponse<String> get = rawGet(f.demo.sourceDiskIds().get(0));
        assertEquals(200, get.statusCode());
        assertTrue(get.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads").isEmpty());
    }

    @Test
    void answersCarryTheRemainingArmAndComputeBudgets() throws Exception {
        // Azure's budgets with time almost stopped, so that nothing refills between the two calls.
        f.arm.throttling().enable(ThrottlingBudgets.azure().compressedBy(1e-9));
        String disk = f.demo.sourceDiskIds().get(0);
        HttpResponse<String> first = rawGet(disk);
        HttpResponse<String> second = rawGet(disk);
        assertEquals("249", first.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads").orElseThrow());
        assertEquals("248", second.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads").orElseThrow());
        assertEquals("Microsoft.Compute/LowCostGet3Min;14998,Microsoft.Compute/LowCostGet30Min;119998",
                second.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow());
    }

    @Test
    void armAnswersCarryTheCallersAndTheGlobalSubscriptionBucket() throws Exception {
        f.arm.throttling().useClock(clock).enable(ThrottlingBudgets.azure());
        HttpResponse<String> read = rawGet(f.demo.sourceVmId());
        // as recorded answers of 2024-2025 show: 250 - 1, and the global bucket of 15 x 250 - 1
        assertEquals("249", read.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads").orElseThrow());
        assertEquals("3749", read.headers().firstValue("x-ms-ratelimit-remaining-subscription-global-reads").orElseThrow());
        HttpResponse<String> write = rawPost(f.demo.sourceVmId() + "/start");
        assertEquals("199", write.headers().firstValue("x-ms-ratelimit-remaining-subscription-writes").orElseThrow());
        assertEquals("2999", write.headers().firstValue("x-ms-ratelimit-remaining-subscription-global-writes").orElseThrow());
    }

    @Test
    void vmGetBudgetCountsPerVmAndPerSubscriptionAndRefillsOnceAMinute() throws Exception {
        // Low Cost Get VM: per VM 36, refilled by 12 a minute; per subscription 24,000, refilled by 8,000.
        f.arm.throttling().useClock(clock).enable(ThrottlingBudgets.azure());
        String vm = f.demo.sourceVmId();
        HttpResponse<String> last = null;
        for (int i = 0; i < 36; i++) {
            last = rawGet(vm);
            assertEquals(200, last.statusCode());
        }
        assertEquals("Microsoft.Compute/LowCostGetVMSubscription;23964,Microsoft.Compute/LowCostGetVMResource;0",
                last.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow());

        HttpResponse<String> refused = rawGet(vm);
        assertEquals(429, refused.statusCode());
        assertTrue(refused.body().contains("\"code\":\"OperationNotAllowed\""), refused.body());
        assertTrue(refused.body().contains("LowCostGetVMResource"), refused.body());
        assertEquals("60", refused.headers().firstValue("Retry-After").orElseThrow(), "the bucket refills at the minute");
        assertEquals(200, rawGet(f.demo.targetVmId()).statusCode(), "another VM has its own bucket");

        clock.advance(Duration.ofSeconds(59));
        assertEquals(429, rawGet(vm).statusCode(), "nothing comes back within the minute");
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 12; i++) {
            assertEquals(200, rawGet(vm).statusCode(), "12 tokens back after a minute");
        }
        assertEquals(429, rawGet(vm).statusCode());
        assertEquals(Map.of("Microsoft.Compute/LowCostGetVMResource", 3L), f.arm.throttling().refusals());
    }

    @Test
    void vmUpdateBudgetAnswersTheDocumentedHeadersAndRefusesAsComputeDoes() throws Exception {
        // Update VM (start, power off, ...): per VM 12, refilled by 4 a minute; per subscription 1,500, by 500.
        f.arm.throttling().useClock(clock).enable(ThrottlingBudgets.azure());
        String vm = f.demo.targetVmId();
        HttpResponse<String> first = rawPost(vm + "/start");
        assertTrue(first.statusCode() < 300, first.body());
        assertEquals("Microsoft.Compute/UpdateVMSubscription;1499,Microsoft.Compute/UpdateVMResource;11",
                first.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow());
        for (int i = 0; i < 11; i++) {
            assertTrue(rawPost(vm + "/start").statusCode() < 300);
        }
        HttpResponse<String> refused = rawPost(vm + "/start");
        assertEquals(429, refused.statusCode());
        assertEquals("Microsoft.Compute/UpdateVMResource;0",
                refused.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow());
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> later = rawPost(vm + "/start");
        assertTrue(later.statusCode() < 300, later.body());
        assertEquals("Microsoft.Compute/UpdateVMSubscription;1499,Microsoft.Compute/UpdateVMResource;3",
                later.headers().firstValue("x-ms-ratelimit-remaining-resource").orElseThrow(),
                "a refused call takes no token; a minute gives back 4 per VM, and 500 per subscription up to its 1,500");
    }

    @Test
    void snapshotBudgetRunsOutAsComputeOperationNotAllowedWithRetryAfter() {
        // HighCostSnapshotCreate3Min scaled to 2 calls; ARM's own buckets stay Azure's.
        f.arm.throttling().enable(ThrottlingBudgets.azure().computeScaledBy(2.0 / 120));
        String disk = f.demo.sourceDiskIds().get(1);
        snapshots.create(spec("snap-a", disk));
        snapshots.create(spec("snap-b", disk));

        CloudException e = assertThrows(CloudException.class, () -> snapshots.create(spec("snap-c", disk)));
        CloudException.Throttled throttled = assertInstanceOf(CloudException.Throttled.class, e);
        assertEquals("OperationNotAllowed", throttled.errorCode());
        // 2 calls per 3 minutes refill one call in 90 s (less what passed since the bucket was last full).
        long seconds = throttled.retryAfter().toSeconds();
        assertTrue(seconds > 30 && seconds <= 90, "Retry-After " + seconds);
        assertEquals(Map.of("Microsoft.Compute/HighCostSnapshotCreate3Min", 1L), f.arm.throttling().refusals());
        assertTrue(f.snapshots().find(snapshotId("snap-c")).isEmpty(), "a refused PUT creates nothing");
    }

    @Test
    void armWriteBucketRunsOutAsTooManyRequests() throws Exception {
        // Writes: bucket 200 x 0.01 = 2, refill all but stopped.
        f.arm.throttling().enable(ThrottlingBudgets.azure().scaledBy(0.01).compressedBy(1e-6));
        String vm = f.demo.targetVmId();
        assertTrue(rawPost(vm + "/deallocate").statusCode() < 300);
        assertTrue(rawPost(vm + "/deallocate").statusCode() < 300);
        HttpResponse<String> refused = rawPost(vm + "/deallocate");
        assertEquals(429, refused.statusCode());
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals("0", refused.headers().firstValue("x-ms-ratelimit-remaining-subscription-writes").orElseThrow());
        assertTrue(refused.body().contains("\"code\":\"TooManyRequests\""), refused.body());
        assertEquals(200, rawGet(vm).statusCode(), "reads have their own bucket");

        CloudException e = assertThrows(CloudException.class, () -> vms.deallocate(vm));
        assertEquals("TooManyRequests", assertInstanceOf(CloudException.Throttled.class, e).errorCode());
    }

    @Test
    void throttledLongRunningOperationPollEndsAsRetryableThrottle() {
        // GetOperation scaled to 1 call: the snapshot PUT is admitted, its first poll is refused.
        f.arm.throttling().enable(ThrottlingBudgets.azure().computeScaledBy(1.0 / 400_000));
        CloudException e = assertThrows(CloudException.class,
                () -> vms.deallocate(f.demo.targetVmId()));
        assertInstanceOf(CloudException.Throttled.class, e, e.toString());
        assertTrue(e.retryable());
    }

    @Test
    void guardedAdaptersHoldBackBeforeTheBudgetIsGoneSoAzureNeverSays429() {
        // HighCostSnapshotCreate3Min scaled to 6, time stopped; the engine keeps half of each budget in reserve.
        f.arm.throttling().enable(ThrottlingBudgets.azure().computeScaledBy(6.0 / 120).compressedBy(1e-6));
        ArmManagers guarded = ArmManagers.connect(ArmSettings.local(f.arm.endpoint(), f.arm.subscriptionId(),
                CloudFixture.FAST_POLL).withBudgetReserve(0.5));
        AzureSnapshots careful = new AzureSnapshots(guarded);
        String disk = f.demo.sourceDiskIds().get(1);
        int created = 0;
        CloudException held = null;
        for (int i = 0; i < 6 && held == null; i++) {
            try {
                careful.create(spec("careful-" + i, disk));
                created++;
            } catch (CloudException e) {
                held = e;
            }
        }
        CloudException.Throttled throttled = assertInstanceOf(CloudException.Throttled.class, held);
        assertEquals("BudgetReserveReached", throttled.errorCode(), throttled.getMessage());
        assertTrue(throttled.getMessage().contains("Microsoft.Compute/HighCostSnapshotCreate3Min"), throttled.getMessage());
        assertTrue(throttled.retryAfter().toSeconds() >= 1);
        assertEquals(3, created, "6 left, 3 kept in reserve");
        assertEquals(Map.of(), f.arm.throttling().refusals(), "the stand-in never had to refuse");
    }

    @Test
    void theGuardNeverHoldsThePollsOfAnOperationAlreadyStarted() {
        // ARM's reads bucket scaled to 10, time stopped; the engine keeps 30 % of each budget in reserve.
        f.arm.throttling().enable(ThrottlingBudgets.azure().scaledBy(0.04).computeScaledBy(1).compressedBy(1e-6));
        ArmManagers guarded = ArmManagers.connect(ArmSettings.local(f.arm.endpoint(), f.arm.subscriptionId(),
                CloudFixture.FAST_POLL).withBudgetReserve(0.3));
        AzureManagedDisks careful = new AzureManagedDisks(guarded);
        String disk = f.arm.createDisk("app-rg-asr", "unattached", "northeurope", 4, "Premium_LRS");
        CloudException held = null;
        for (int reads = 0; reads < 10 && held == null; reads++) {
            try {
                careful.find(disk);
            } catch (CloudException e) {
                held = e;
            }
        }
        assertEquals("BudgetReserveReached", assertInstanceOf(CloudException.Throttled.class, held).errorCode());

        // A grant is a POST and then reads (its polls): started, it is seen to the end on the reserve.
        AccessGrant grant = careful.grantRead(disk, Duration.ofMinutes(10));
        assertTrue(grant.sasUrl().toString().contains("sig="), grant.toString());
        assertEquals(Map.of(), f.arm.throttling().refusals(), "the reserve carried the polls");
        CloudException stillHeld = assertThrows(CloudException.class, () -> careful.find(disk));
        assertEquals("BudgetReserveReached", assertInstanceOf(CloudException.Throttled.class, stillHeld).errorCode(),
                "new work still waits for the budget");
    }

    /** A clock that stands still until advanced. */
    static final class StepClock extends java.time.Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void theAppLogsEveryBudgetTheAnswersReportAndNothingElse() {
        f.arm.throttling().useClock(clock).enable(ThrottlingBudgets.azure());
        ArmManagers guarded = ArmManagers.connect(ArmSettings.local(f.arm.endpoint(), f.arm.subscriptionId(),
                CloudFixture.FAST_POLL), clock, java.util.List.of());
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        guarded.budgets().logTo(lines::add);
        String disk = f.arm.createDisk("app-rg-asr", "unattached", "northeurope", 4, "Premium_LRS");
        AccessGrant grant = new AzureManagedDisks(guarded).grantRead(disk, Duration.ofMinutes(10));
        assertTrue(grant.sasUrl().toString().contains("sig="));

        String sub = f.arm.subscriptionId().toLowerCase(java.util.Locale.ROOT);
        assertTrue(lines.contains("arm-budget subscription=" + sub + " budget=writes remaining=199 at=" + clock.instant()),
                String.join("\n", lines));
        assertTrue(lines.contains("arm-budget subscription=" + sub + " budget=global-writes remaining=2999 at="
                + clock.instant()), String.join("\n", lines));
        assertTrue(lines.contains("arm-budget subscription=" + sub + " budget=Microsoft.Compute/HighCostDiskAccess3Min "
                + "remaining=119 at=" + clock.instant()), String.join("\n", lines));
        assertTrue(lines.stream().allMatch(l -> l.matches("arm-budget subscription=[0-9a-f-]+ budget=\\S+ "
                + "remaining=\\d+ at=\\S+")), "fixed fields only, never a URL or a SAS: " + lines);
    }

    SnapshotSpec spec(String name, String disk) {
        return new SnapshotSpec(f.arm.subscriptionId(), "app-rg-asr", name, "northeurope", disk, true, Map.of());
    }

    String snapshotId(String name) {
        return f.id("app-rg-asr", "Microsoft.Compute/snapshots", name);
    }

    HttpResponse<String> rawGet(String id) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.arm.endpoint() + id.substring(1)
                + "?api-version=2023-04-02")).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> rawPost(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.arm.endpoint() + path.substring(1)
                + "?api-version=2024-03-01")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
