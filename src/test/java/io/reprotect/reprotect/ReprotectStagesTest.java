package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.PowerState;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.VmShape;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.job.TaskState;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.pipeline.Queues;
import io.reprotect.protection.Outputs;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real stages against the ARM stand-in and Azurite, through the pipeline. */
class ReprotectStagesTest {

    static final String STORAGE = "Microsoft.Storage/storageAccounts";
    static final String AVSET = "Microsoft.Compute/availabilitySets";
    static final String SNAPSHOT = "Microsoft.Compute/snapshots";

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Job reprotect(String extra) {
        return f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), extra)).id());
    }

    private static Task task(Job job, String stage) {
        return job.task(stage).orElseThrow();
    }

    private void assertReplicasEqualTheSourceDisks(Job job) {
        Outputs.Replica[] replicas = JobJson.MAPPER.convertValue(job.outputs().get(Outputs.REPLICAS.name()),
                Outputs.Replica[].class);
        assertThat(replicas).hasSize(f.demo.sourceDiskIds().size());
        for (Outputs.Replica replica : replicas) {
            assertThat(ReprotectFixture.image(f.replicaBlob(replica.blobName())))
                    .as("replica of " + replica.sourceDiskId())
                    .isEqualTo(ReprotectFixture.image(f.arm.blobOf(replica.sourceDiskId())));
        }
    }

    @Test
    void demoIsReprotectedOnlyDifferencesCrossAndTheOldPrimaryIsGoneButItsDisksKept() {
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        for (Task t : job.tasks()) {
            assertThat(t.state()).as(t.name()).isEqualTo(TaskState.Succeeded);
            assertThat(t.endTime()).as(t.name()).isAfterOrEqualTo(t.startTime());
        }
        assertReplicasEqualTheSourceDisks(job);
        assertThat(f.vms.find(f.demo.targetVmId())).as("old primary VM deleted").isEmpty();
        f.demo.targetDiskIds().forEach(d -> assertThat(f.disks.find(d)).as("disk kept: " + d).isPresent());
        assertThat(f.arm.resourceIds().stream().filter(id -> id.contains("/snapshots/")))
                .as("the resync's source snapshots are kept as the first cycle's base, one per disk").hasSize(2);
        long written = job.outputs().get(ResyncDisks.RESULTS.name()).findValues("bytesWritten").stream()
                .mapToLong(n -> n.asLong()).sum();
        assertThat(written).as("bytes written by the resync").isEqualTo(
                (1 + DemoSeed.WRITTEN_MIB) * (1L << 20)); // MiB 1 rewritten + the late writes
        assertThat(f.items.findByVm(f.demo.sourceVmId()).orElseThrow().protectionState()).isEqualTo("Protected");
        assertThat(job.outputs().get(Outputs.RECOVERY_POINT.name()).path("disks")).hasSize(2);
        assertThat(job.outputs().get(Outputs.AVAILABILITY_SET.name()).asText()).isEqualTo(f.demo.targetAvailabilitySetId());
        assertThat(f.arm.createdCount(AVSET)).as("the existing availability set is reused").isEqualTo(1);
        var shape = f.items.findByVm(f.demo.sourceVmId()).orElseThrow().origin().targetVmShape();
        assertThat(shape.vmId()).as("the old primary's shape is kept in the item").isEqualToIgnoringCase(f.demo.targetVmId());
        assertThat(shape.nics()).singleElement().satisfies(n -> assertThat(n.privateIp()).isEqualTo("10.1.0.10"));
        assertThat(shape.dataDisks()).extracting(VmShape.Disk::lun).containsExactly(0);
    }

    @Test
    void everyStageDeliveredTwiceCreatesNoDuplicateResource() {
        String id = f.submit(f.request(f.demo.sourceVmId(), "")).id();
        for (int round = 0; round < 500; round++) {
            boolean delivered = false;
            {
                var envelope = f.queue.receive(Queues.STAGES);
                if (envelope.isPresent()) {
                    f.runner.run(envelope.get().message().body());
                    f.runner.run(envelope.get().message().body());
                    f.queue.complete(envelope.get());
                    delivered = true;
                }
            }
            if (!delivered) {
                if (f.queue.nextScheduled(f.host.listenedQueues()).isEmpty() || f.job(id).state().ended()) {
                    break; // the first replication cycle, scheduled later, is not this job's
                }
                f.queue.advance(Duration.ofSeconds(1));
                sleep(50);
            }
        }
        Job job = f.job(id);
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(f.arm.createdCount(STORAGE)).as("cache and target accounts, once each").isEqualTo(2);
        assertThat(f.arm.createdCount(AVSET)).isEqualTo(1);
        assertThat(f.arm.createdCount(SNAPSHOT)).as("one source snapshot per disk").isEqualTo(2);
        assertReplicasEqualTheSourceDisks(job);
    }

    @Test
    void aCrashAfterAResyncSliceRedoesAtMostThatSliceAndEndsEqual() {
        f.crashOnceWhen(job -> job.task(ResyncDisks.NAME)
                .map(t -> t.checkpoint() != null && t.checkpoint().path("disk").asInt() == 1).orElse(false));
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, ResyncDisks.NAME).attempts()).as("one attempt, and the redelivery after the crash")
                .isEqualTo(2);
        assertThat(f.arm.createdCount(SNAPSHOT)).as("the rerun found its snapshots").isEqualTo(2);
        assertReplicasEqualTheSourceDisks(job);
    }

    @Test
    void withoutAnOldPrimaryVmItsStagesAreSkippedAndTheResyncCopiesEverything() {
        f.vms.delete(f.demo.targetVmId());
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, StopTargetVm.NAME).state()).isEqualTo(TaskState.Skipped);
        assertThat(task(job, CopySeed.NAME).state()).isEqualTo(TaskState.Skipped);
        assertThat(task(job, DeleteTargetVm.NAME).state()).isEqualTo(TaskState.Skipped);
        assertReplicasEqualTheSourceDisks(job);
    }

    @Test
    void anOldPrimaryVmAlreadyDeallocatedIsNotStoppedAgain() {
        f.vms.deallocate(f.demo.targetVmId());
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, StopTargetVm.NAME).attempts()).isEqualTo(1);
        assertThat(f.arm.actionsSeen().stream().filter(a -> a.endsWith("deallocate/action")).count())
                .as("deallocate called once, by the test").isEqualTo(1);
    }

    @Test
    void customisedAccountsAndAvailabilitySetAreCreatedUnderTheirNames() {
        String rg = "/subscriptions/" + f.arm.subscriptionId() + "/resourceGroups/app-rg";
        Job job = reprotect(", \"targetStorageAccountId\": \"" + rg + "/providers/Microsoft.Storage/storageAccounts/mydisks\""
                + ", \"cacheStorageAccountId\": \"" + rg + "/providers/Microsoft.Storage/storageAccounts/mycache\""
                + ", \"availabilitySetId\": \"" + rg + "/providers/Microsoft.Compute/availabilitySets/my-avset\"");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(job.outputs().get(Outputs.TARGET_STORAGE_ACCOUNT.name()).path("name").asText()).isEqualTo("mydisks");
        assertThat(job.outputs().get(Outputs.CACHE_STORAGE_ACCOUNT.name()).path("name").asText()).isEqualTo("mycache");
        assertThat(job.outputs().get(Outputs.AVAILABILITY_SET.name()).asText()).endsWith("/availabilitySets/my-avset");
        assertThat(f.availabilitySets.find(rg + "/providers/Microsoft.Compute/availabilitySets/my-avset")).isPresent();
    }

    @Test
    void defaultTargetAccountIsAsrPlusTheSecondaryNameAndATakenNameGetsADerivedAlternative() {
        f.groups.createIfMissing(f.arm.subscriptionId(), "someone-else", "westeurope", Map.of());
        f.accounts.createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "someone-else", "asrapp01",
                "westeurope"));
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        String name = job.outputs().get(Outputs.TARGET_STORAGE_ACCOUNT.name()).path("name").asText();
        assertThat(name).startsWith("asrapp01").hasSize("asrapp01".length() + 4).matches("[a-z0-9]{3,24}");
    }

    @Test
    void deletedVmIsRefusedNamingTheCauseAndAction() {
        String missing = f.demo.sourceVmId().replace("/app01", "/app99");
        Job job = f.runToEnd(f.submit(f.request(missing, "")).id());
        assertThat(job.state()).isEqualTo(JobState.Failed);
        JobError error = task(job, ValidatePrerequisites.NAME).errors().get(0);
        assertThat(error.code()).isEqualTo("VmNotFound");
        assertThat(error.possibleCauses()).anyMatch(c -> c.contains("deleted")).anyMatch(c -> c.contains("moved"));
        assertThat(error.recommendedAction()).isNotBlank();
        assertThat(f.arm.createdCount(STORAGE)).as("nothing touched").isZero();
    }

    @Test
    void movedVmIsRefused() {
        f.arm.createResourceGroup("moved-rg", "northeurope", Map.of());
        String os = f.arm.createDisk("moved-rg", "moved-os", "northeurope", 1, "Premium_LRS");
        String moved = f.arm.createVm("moved-rg", "app01", "northeurope", os, List.of(), null, Map.of(
                FailoverRecord.TAG_SOURCE_VM, f.demo.targetVmId(), FailoverRecord.TAG_SOURCE_REGION, "westeurope",
                FailoverRecord.TAG_SOURCE_RG, "app-rg", FailoverRecord.TAG_STATE, "committed",
                FailoverRecord.TAG_RECOVERY_VM, f.demo.sourceVmId()), "running");
        Job job = f.runToEnd(f.submit(f.request(moved, "")).id());
        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(task(job, ValidatePrerequisites.NAME).errors().get(0).code()).isEqualTo("VmMoved");
    }

    @Test
    void throttlingAndServerErrorsAreRetriedToSuccess() {
        f.arm.faults().throttle("GET", "/virtualMachines/app01$", Duration.ofSeconds(1));
        f.arm.faults().next("PUT", "/storageAccounts/", 500, Map.of(), 1);
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, ValidatePrerequisites.NAME).attempts()).isGreaterThan(1);
        assertThat(task(job, PrepareTarget.NAME).attempts()).isGreaterThan(1);
    }

    @Test
    void aResyncThrottledOnItsSecondSnapshotDoesNotCreateTheFirstAgain() {
        f.arm.faults().throttle("PUT", "/snapshots/reprotect-[0-9a-f]{8}-1$", Duration.ofSeconds(5));
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, ResyncDisks.NAME).attempts()).isGreaterThan(1);
        List<String> puts = f.arm.actionLog().stream().filter(r -> r.startsWith("PUT ") && r.contains("/snapshots/reprotect-"))
                .toList();
        assertThat(puts.stream().filter(r -> r.matches(".*/snapshots/reprotect-[0-9a-f]{8}-0 .*"))).as(puts.toString())
                .hasSize(1);
        assertThat(puts.stream().filter(r -> r.matches(".*/snapshots/reprotect-[0-9a-f]{8}-1 .*")))
                .as("refused once, then created").hasSize(2);
        assertReplicasEqualTheSourceDisks(job);
    }

    @Test
    void aThrottledRevocationOfSeedAccessResumesWithoutRevokingAgainWhatWasRevoked() {
        f.arm.faults().throttle("POST", "/disks/app01-datadisk/endGetAccess$", Duration.ofSeconds(5));
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        List<String> revocations = f.arm.actionLog().stream().filter(r -> r.contains("/endGetAccess")).toList();
        assertThat(revocations.stream().filter(r -> r.contains("/disks/app01-osdisk/"))).as(revocations.toString())
                .hasSize(1);
        assertThat(revocations.stream().filter(r -> r.contains("/disks/app01-datadisk/")))
                .as("refused once, then revoked").hasSize(2);
    }

    @Test
    void aSnapshotOperationEndingFailedWithARetryLaterCodeIsRetriedAndTheJobSucceeds() {
        f.arm.faults().failOperation("PUT", "/snapshots/", "InternalExecutionError");
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, ResyncDisks.NAME).attempts()).as("retried after the failed operation").isGreaterThanOrEqualTo(2);
        assertReplicasEqualTheSourceDisks(job);
    }

    @Test
    void anOperationEndingFailedWithAnyOtherCodeFailsTheJobWithThatCode() {
        f.arm.faults().failOperation("PUT", "/snapshots/", "OperationNotAllowed");
        Job job = reprotect("");
        assertThat(job.state()).isEqualTo(JobState.Failed);
        JobError error = task(job, ResyncDisks.NAME).errors().get(0);
        assertThat(error.code()).isEqualTo("OperationNotAllowed");
        assertThat(error.message()).contains("ended Failed");
    }

    @Test
    void aVmReportedInTheDisplayNameOfThePrimaryRegionIsAlreadyThere() {
        f.arm.answerLocationsAsDisplayNames(true);
        String os = f.arm.createDisk("app-rg", "back-os", "westeurope", 1, "Premium_LRS");
        String back = f.arm.createVm("app-rg", "back01", "westeurope", os, List.of(), null, Map.of(
                FailoverRecord.TAG_SOURCE_VM, f.demo.targetVmId(), FailoverRecord.TAG_SOURCE_REGION, "West Europe",
                FailoverRecord.TAG_SOURCE_RG, "app-rg", FailoverRecord.TAG_STATE, "committed"), "running");
        Job job = f.runToEnd(f.submit(f.request(back, "")).id());
        assertThat(job.state()).isEqualTo(JobState.Failed);
        assertThat(task(job, ValidatePrerequisites.NAME).errors().get(0).code()).isEqualTo("AlreadyInPrimaryRegion");
    }

    @Test
    void whileThePrimaryRegionDoesNotAnswerValidationIsRetriedThoughItsResourceGroupsRead() {
        f.arm.faults().regionDown(f.demo.primaryRegion(), 1);
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(task(job, ValidatePrerequisites.NAME).attempts()).isEqualTo(2);
        assertThat(f.arm.actionsSeen()).contains("Microsoft.Compute/locations/usages/read");
    }

    @Test
    void theOldPrimaryDisksComeBackWithAnUpperCasedGroupAndAreStillRecognisedAsSeeded() {
        Job job = reprotect("");
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        Outputs.VmSummary target = JobJson.MAPPER.convertValue(job.outputs().get(Outputs.TARGET_VM.name()),
                Outputs.VmSummary.class);
        assertThat(target.diskIds()).allMatch(id -> id.contains("/resourceGroups/APP-RG/"));
        assertThat(f.vms.find(f.demo.targetVmId())).as("deleted: every disk counted as seeded").isEmpty();
    }

    @Test
    void forbiddenFailsTheJobNamingTheMissingPermission() {
        f.vms.start(f.demo.targetVmId()); // the demo's old primary VM is deallocated
        f.arm.faults().deny("POST", "/deallocate$");
        Job job = reprotect(", \"allowStopRunningTargetVm\": true");
        assertThat(job.state()).isEqualTo(JobState.Failed);
        JobError error = task(job, StopTargetVm.NAME).errors().get(0);
        assertThat(error.code()).isEqualTo("AuthorizationFailed");
        assertThat(error.message() + error.recommendedAction()).contains("Microsoft.Compute/virtualMachines/deallocate/action");
        assertThat(f.vms.find(f.demo.targetVmId()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
