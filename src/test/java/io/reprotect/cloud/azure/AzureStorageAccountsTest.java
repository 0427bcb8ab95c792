package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.NameAvailability;
import io.reprotect.cloud.StorageAccountInfo;
import io.reprotect.cloud.StorageAccountSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AzureStorageAccountsTest {

    static final String TYPE = "Microsoft.Storage/storageAccounts";
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
    void createIfMissingTwiceCreatesOneAccountThroughALongRunningOperation() {
        int before = f.arm.createdCount(TYPE);
        StorageAccountSpec spec = StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg", "asrcache01", "westeurope");
        StorageAccountInfo first = f.storageAccounts().createIfMissing(spec);
        StorageAccountInfo second = f.storageAccounts().createIfMissing(spec);
        assertEquals("Succeeded", first.provisioningState());
        assertEquals(first, second);
        assertEquals("Standard_LRS", first.sku());
        assertEquals("StorageV2", first.kind());
        assertTrue(first.blobEndpoint().endsWith("/primaryregion/"), "the Azurite account of the region serves its data plane");
        assertEquals(before + 1, f.arm.createdCount(TYPE));
    }

    @Test
    void nameCheckTellsTakenInvalidAndFree() {
        f.storageAccounts().createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg", "asrtaken", "westeurope"));
        NameAvailability taken = f.storageAccounts().checkNameAvailability(f.arm.subscriptionId(), "asrtaken");
        assertFalse(taken.available());
        assertEquals("AlreadyExists", taken.reason());
        NameAvailability invalid = f.storageAccounts().checkNameAvailability(f.arm.subscriptionId(), "Not_Valid");
        assertFalse(invalid.available());
        assertEquals("AccountNameInvalid", invalid.reason());
        assertTrue(f.storageAccounts().checkNameAvailability(f.arm.subscriptionId(), "asrfree123").available());
    }

    @Test
    void accountNameTakenInAnotherGroupIsConflict() {
        f.storageAccounts().createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg", "asrglobal", "westeurope"));
        CloudException e = assertThrows(CloudException.Conflict.class, () -> f.storageAccounts()
                .createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg-asr", "asrglobal", "northeurope")));
        assertEquals("StorageAccountAlreadyTaken", e.errorCode());
    }

    @Test
    void missingAccountIsEmpty() {
        assertTrue(f.storageAccounts().find(f.id("app-rg", TYPE, "nope")).isEmpty());
    }
}
