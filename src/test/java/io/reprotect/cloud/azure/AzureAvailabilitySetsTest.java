package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.AvailabilitySetInfo;
import io.reprotect.cloud.AvailabilitySetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureAvailabilitySetsTest {

    static final String TYPE = "Microsoft.Compute/availabilitySets";
    static CloudFixture f;

    @BeforeAll
    static void start() {
        f = CloudFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void existingSetIsReturnedWithItsVms() {
        AvailabilitySetInfo set = f.availabilitySets().find(f.demo.targetAvailabilitySetId()).orElseThrow();
        assertEquals("app-avset", set.name());
        assertEquals("westeurope", set.region());
        assertEquals("Aligned", set.sku());
        assertTrue(set.vmIds().stream().anyMatch(id -> id.equalsIgnoreCase(f.demo.targetVmId())));
    }

    @Test
    void createIfMissingTwiceCreatesOneSet() {
        int before = f.arm.createdCount(TYPE);
        AvailabilitySetSpec spec = AvailabilitySetSpec.managed(f.arm.subscriptionId(), "app-rg", "app-avset-new", "westeurope");
        AvailabilitySetInfo first = f.availabilitySets().createIfMissing(spec);
        AvailabilitySetInfo second = f.availabilitySets().createIfMissing(spec);
        assertEquals(first, second);
        assertEquals(2, first.faultDomains());
        assertEquals(5, first.updateDomains());
        assertEquals(before + 1, f.arm.createdCount(TYPE));
    }

    @Test
    void createIfMissingKeepsAnExistingSet() {
        int before = f.arm.createdCount(TYPE);
        AvailabilitySetInfo set = f.availabilitySets().createIfMissing(AvailabilitySetSpec.managed(f.arm.subscriptionId(), "app-rg", "app-avset", "westeurope"));
        assertEquals(1, set.vmIds().size());
        assertEquals(before, f.arm.createdCount(TYPE));
    }

    @Test
    void missingSetIsEmpty() {
        assertTrue(f.availabilitySets().find(f.id("app-rg", TYPE, "nope")).isEmpty());
    }
}
