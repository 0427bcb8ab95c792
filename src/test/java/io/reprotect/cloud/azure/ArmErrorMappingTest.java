package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.AvailabilitySetSpec;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.PowerState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real SDK errors from the stand-in's injected faults, classified by {@link ArmErrors}. */
class ArmErrorMappingTest {

    static CloudFixture f;

    @BeforeAll
    static void start() {
        f = CloudFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @AfterEach
    void clearFaults() {
        f.arm.faults().clear();
    }

    @Test
    void throttlingBecomesThrottledWithTheServersRetryAfter() {
        f.arm.faults().throttle("GET", "/virtualMachines/app01$", Duration.ofSeconds(17));
        CloudException.Throttled e = assertThrows(CloudException.Throttled.class, () -> f.vms().find(f.demo.sourceVmId()));
        assertEquals(Duration.ofSeconds(17), e.retryAfter());
        assertTrue(e.retryable());
        assertEquals(429, e.status());
        // the fault fired once: the next call goes through
        assertEquals(PowerState.RUNNING, f.vms().find(f.demo.sourceVmId()).orElseThrow().powerState());
    }

    @Test
    void serverErrorBecomesTransient() {
        f.arm.faults().next("GET", "/disks/", 500, Map.of(), 1);
        CloudException e = assertThrows(CloudException.Transient.class, () -> f.disks().find(f.demo.sourceDiskIds().get(0)));
        assertTrue(e.retryable());
        assertEquals(500, e.status());
        assertEquals("InternalServerError", e.errorCode());
    }

    @Test
    void serverErrorWhilePollingALongRunningOperationBecomesTransient() {
        f.arm.faults().next("GET", "/operations/", 503, Map.of(), 1);
        assertThrows(CloudException.Transient.class, () -> f.vms().deallocate(f.demo.targetVmId()));
    }

    @Test
    void authorizationFailureBecomesForbiddenNamingTheMissingAction() {
        f.arm.faults().deny("POST", "/beginGetAccess$");
        CloudException.Forbidden e = assertThrows(CloudException.Forbidden.class,
                () -> f.disks().grantRead(f.demo.targetDiskIds().get(0), Duration.ofMinutes(1)));
        assertEquals("Microsoft.Compute/disks/beginGetAccess/action", e.missingAction().orElseThrow());
        assertEquals("AuthorizationFailed", e.errorCode());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("grant the engine's identity the action Microsoft.Compute/disks/beginGetAccess/action"),
                e.getMessage());
    }

    @Test
    void preconditionFailureIsARetryableConflict() {
        f.arm.faults().next("PUT", "/availabilitySets/", 412, Map.of(), 1);
        CloudException e = assertThrows(CloudException.Conflict.class, () -> f.availabilitySets()
                .createIfMissing(AvailabilitySetSpec.managed(f.arm.subscriptionId(), "app-rg", "etag", "westeurope")));
        assertTrue(e.retryable());
    }

    @Test
    void missingResourceGroupIsNotFoundForActions() {
        CloudException e = assertThrows(CloudException.NotFound.class, () -> f.vms()
                .deallocate(f.id("gone-rg", "Microsoft.Compute/virtualMachines", "app01")));
        assertEquals("ResourceGroupNotFound", e.errorCode());
        assertFalse(e.retryable());
    }

    @Test
    void unreachableEndpointIsTransient() {
        ArmManagers dead = ArmManagers.connect(ArmSettings.local("http://127.0.0.1:1/", f.arm.subscriptionId(),
                CloudFixture.FAST_POLL));
        assertThrows(CloudException.Transient.class, () -> new AzureResourceGroups(dead).find(f.arm.subscriptionId(), "app-rg"));
    }
}
