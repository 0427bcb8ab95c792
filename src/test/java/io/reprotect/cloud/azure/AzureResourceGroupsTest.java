package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.ResourceGroupInfo;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureResourceGroupsTest {

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
    void existingGroupIsFound() {
        ResourceGroupInfo rg = f.resourceGroups().find(f.arm.subscriptionId(), "app-rg-asr").orElseThrow();
        assertEquals("northeurope", rg.region());
        assertEquals("Succeeded", rg.provisioningState());
        assertEquals("asr-failover", rg.tags().get("created-by"));
    }

    @Test
    void missingGroupIsEmpty() {
        assertTrue(f.resourceGroups().find(f.arm.subscriptionId(), "no-such-rg").isEmpty());
    }

    @Test
    void createIfMissingTwiceCreatesOneAndKeepsTheFirstTags() {
        int before = f.arm.createdCount("Microsoft.Resources/resourceGroups");
        ResourceGroupInfo first = f.resourceGroups().createIfMissing(f.arm.subscriptionId(), "app-rg-target", "westeurope", Map.of("by", "reprotect"));
        ResourceGroupInfo second = f.resourceGroups().createIfMissing(f.arm.subscriptionId(), "app-rg-target", "northeurope", Map.of());
        assertEquals(first, second);
        assertEquals("westeurope", second.region());
        assertEquals(before + 1, f.arm.createdCount("Microsoft.Resources/resourceGroups"));
    }
}
