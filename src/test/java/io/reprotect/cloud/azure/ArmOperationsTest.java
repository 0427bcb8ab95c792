package io.reprotect.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.OperationCheck;
import io.reprotect.cloud.PendingOperation;
import io.reprotect.cloud.SnapshotSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Beginning an ARM operation returns at once; a check is one call and tells where it is. */
class ArmOperationsTest {

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
    void fastAgain() {
        f.arm.operationTime(Duration.ZERO);
    }

    private SnapshotSpec spec(String name) {
        return new SnapshotSpec(f.arm.subscriptionId(), "app-rg", name, "westeurope", f.demo.targetDiskIds().get(0), true,
                Map.of("created-by", "vm-reprotect"));
    }

    private OperationCheck checkUntilDone(PendingOperation op) throws InterruptedException {
        OperationCheck check = f.snapshots().check(op);
        for (int i = 0; i < 100 && check.state() == OperationCheck.State.InProgress; i++) {
            Thread.sleep(100);
            check = f.snapshots().check(op);
        }
        return check;
    }

    @Test
    void aSnapshotCreateReturnsBeforeAzureIsDoneAndIsCheckedWithOneCallUntilItSucceeded() throws Exception {
        f.arm.operationTime(Duration.ofSeconds(2));
        long started = System.nanoTime();
        PendingOperation op = f.snapshots().beginCreate(spec("begun"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("returned without waiting")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(op.finished()).isFalse();
        assertThat(op.statusUrl()).as("Disk RP's status URL").contains("/DiskOperations/");
        assertThat(f.snapshots().check(op).state()).isEqualTo(OperationCheck.State.InProgress);

        assertThat(checkUntilDone(op).state()).isEqualTo(OperationCheck.State.Succeeded);
        assertThat(f.snapshots().find(op.resourceId()).orElseThrow().provisioningState()).isEqualTo("Succeeded");
    }

    @Test
    void anOperationThatEndsFailedIsReportedWithAzuresCode() throws Exception {
        f.arm.faults().failOperation("PUT", "/snapshots/doomed", "OperationNotAllowed");
        OperationCheck check = checkUntilDone(f.snapshots().beginCreate(spec("doomed")));
        assertThat(check.state()).isEqualTo(OperationCheck.State.Failed);
        assertThat(check.errorCode()).isEqualTo("OperationNotAllowed");
        assertThat(check.failure("Creating doomed").retryable()).isFalse();
    }

    @Test
    void aDeleteIsFiredAndDoneOnceTheSnapshotIsGoneAndADeleteOfAGoneOneIsDoneAtOnce() throws Exception {
        String id = f.snapshots().create(spec("to-delete")).id();
        PendingOperation delete = f.snapshots().beginDelete(id);
        assertThat(delete.deleting()).isTrue();
        assertThat(checkUntilDone(delete).state()).isEqualTo(OperationCheck.State.Succeeded);
        assertThat(f.snapshots().find(id)).isEmpty();
        assertThat(f.snapshots().beginDelete(id).finished()).as("already gone").isTrue();
    }

    @Test
    void computeSendsNoRetryAfterSoAVmStartIsCheckedAtThePollInterval() {
        String vm = f.demo.targetVmId();
        f.vms().deallocate(vm);
        PendingOperation start = f.vms().beginStart(vm);
        assertThat(start.statusUrl()).contains("/Microsoft.Compute/locations/").contains("/operations/");
        assertThat(start.checkAfter()).as("Compute's Retry-After: 0, as recorded sessions show it")
                .isEqualTo(java.time.Duration.ZERO);
    }
}
