package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.SnapshotSpec;
import io.reprotect.local.arm.ArmStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stand-in stopped and started again on the same state file finds "Azure" as the engine left it. */
class StandInStateFileTest {

    @TempDir
    Path dir;

    @Test
    void whatTheEngineChangedAndTheOperatorsControlsSurviveARestartOnTheSameStateFile() {
        Path file = dir.resolve("arm-standin/state.json");
        ArmStandIn.Options options = ArmStandIn.Options.defaults().withStateFile(file);
        String snapshotId;
        String lockedDisk;
        String vm;
        try (CloudFixture before = CloudFixture.start(options)) {
            assertFalse(before.arm.restored());
            vm = before.demo.targetVmId();
            before.vms().deallocate(vm);
            snapshotId = before.snapshots().create(new SnapshotSpec(before.arm.subscriptionId(), "app-rg-asr",
                    "kept-over-restart", "northeurope", before.demo.sourceDiskIds().get(0), false, Map.of())).id();
            lockedDisk = before.arm.createDisk("app-rg", "spare21", "westeurope", 1, "Standard_LRS");
            before.arm.locks().lock(lockedDisk);
            before.arm.regions().down("northeurope");
        }
        assertTrue(Files.exists(file));

        try (CloudFixture after = CloudFixture.start(options)) {
            assertTrue(after.arm.restored());
            assertEquals(PowerState.DEALLOCATED, after.vms().find(vm).orElseThrow().powerState());
            CloudException locked = assertThrows(CloudException.class, () -> after.disks().delete(lockedDisk));
            assertEquals("ScopeLocked", locked.errorCode());
            assertTrue(after.arm.regions().isDown("northeurope"));
            assertEquals(504, assertThrows(CloudException.class, () -> after.snapshots().find(snapshotId)).status());

            after.arm.regions().up("northeurope");
            assertEquals("kept-over-restart", after.snapshots().find(snapshotId).orElseThrow().name());
            assertTrue(after.arm.blobOf(snapshotId).exists(), "the snapshot's bytes are where Azurite keeps them");
        }
    }

    @Test
    void withoutAStateFileEachStartIsFresh() {
        try (CloudFixture first = CloudFixture.start()) {
            first.arm.createDisk("app-rg", "spare22", "westeurope", 1, "Standard_LRS");
        }
        try (CloudFixture second = CloudFixture.start()) {
            assertFalse(second.arm.restored());
            assertTrue(second.arm.resourceIds().stream().noneMatch(id -> id.endsWith("/spare22")));
        }
    }
}
