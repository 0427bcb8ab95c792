package io.reprotect.softdelete;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.reprotect.CopySeed;
import io.reprotect.reprotect.PrepareTarget;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A purge (of what commit or disable kept) deletes a storage account only when the engine created it and nothing else
 * uses it: no protected item, no unfinished job, no other deleted item whose kept data lives there.
 */
class StorageAccountGuardTest {

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** A second failed-over VM whose original primary account (the failover record's tag) is {@code accountId}. */
    private DemoRegionPair secondVmUsing(String accountId) {
        DemoRegionPair second = DemoSeed.seed(f.arm, f.arm.subscriptionId(), "-2");
        Map<String, String> tags = new HashMap<>(f.vms.find(second.sourceVmId()).orElseThrow().tags());
        tags.put(PrepareTarget.TAG_SOURCE_STORAGE, accountId);
        f.vms.replaceTags(second.sourceVmId(), tags);
        return second;
    }

    private Job purged(ProtectedItem item) {
        DeletedItem kept = f.deletedBy(f.runToEnd(f.protections.disable(item.id()).orElseThrow().id()));
        Job purge = f.purgeAfterExpiry(kept);
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        return purge;
    }

    @Test
    void aSharedTargetAccountSurvivesPurgeWhileAnotherVmsReprotectSeedsIntoItAndGoesOnceNothingUsesIt() {
        ProtectedItem first = f.protectDemo("");
        String shared = first.placement().targetStorageAccount().id();
        DeletedItem kept = f.deletedBy(f.runToEnd(f.protections.disable(first.id()).orElseThrow().id()));
        f.queue.advance(Duration.between(f.clock.instant(), kept.expiresAt()).plusMinutes(1));
        DemoRegionPair second = secondVmUsing(shared);
        // the second VM's seed copy waits (Compute throttles its disk access) while the first item's data is purged
        f.arm.faults().throttle("POST", "/disks/app01-2-osdisk/beginGetAccess$", Duration.ofHours(2));
        Job seeding = f.submit(f.request(second.sourceVmId(), ""));
        f.host.runUntil(() -> f.job(seeding.id()).task(CopySeed.NAME).orElseThrow().attempts() > 0, 200,
                Duration.ZERO);
        assertThat(f.job(seeding.id()).outputs().get(Outputs.TARGET_STORAGE_ACCOUNT.name()).path("id").asText())
                .as("the second reprotect chose the first item's account").isEqualToIgnoringCase(shared);

        Job purge = f.purgeAfterExpiry(kept);

        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(f.job(seeding.id()).state().ended()).as("the second reprotect is still seeding").isFalse();
        assertThat(f.accounts.find(shared)).as("the account the second reprotect seeds into").isPresent();
        assertThat(purge.outputs().get("keptStorageAccounts").toString()).as("kept, naming the job that uses it")
                .contains(seeding.id());
        assertThat(f.accounts.find(first.placement().cacheStorageAccount().id())).as("the first item's own cache account")
                .isEmpty();

        f.arm.faults().clear();
        Job protect = f.runToEnd(seeding.id());
        assertThat(protect.state()).as(ReprotectFixture.describe(protect)).isEqualTo(JobState.Succeeded);
        ProtectedItem secondItem = f.items.findByVm(second.sourceVmId()).orElseThrow();
        assertThat(secondItem.placement().targetStorageAccount().id()).isEqualToIgnoringCase(shared);
        Job secondPurge = purged(secondItem);
        assertThat(f.accounts.find(shared)).as("nothing uses the engine's account any more").isEmpty();
        assertThat(secondPurge.outputs().get("deletedStorageAccounts").toString()).containsIgnoringCase(shared);
    }

    @Test
    void aSharedAccountSurvivesThePurgeOfOneDeletedItemWhileAnotherDeletedItemKeepsItsDataThere() {
        ProtectedItem first = f.protectDemo("");
        String shared = first.placement().targetStorageAccount().id();
        DemoRegionPair second = secondVmUsing(shared);
        Job protect = f.runToEnd(f.submit(f.request(second.sourceVmId(), "")).id());
        assertThat(protect.state()).as(ReprotectFixture.describe(protect)).isEqualTo(JobState.Succeeded);
        ProtectedItem secondItem = f.items.findByVm(second.sourceVmId()).orElseThrow();
        assertThat(secondItem.placement().targetStorageAccount().id()).isEqualToIgnoringCase(shared);
        DeletedItem firstKept = f.deletedBy(
                f.runToEnd(f.protections.disable(first.id()).orElseThrow().id()));
        f.queue.advance(Duration.ofDays(7));
        DeletedItem secondKept = f.deletedBy(
                f.runToEnd(f.protections.disable(secondItem.id()).orElseThrow().id()));

        Job purge = f.purgeAfterExpiry(firstKept);

        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(f.accounts.find(shared)).as("the second deleted item's data lives there until it expires")
                .isPresent();
        assertThat(purge.outputs().get("keptStorageAccounts").toString()).contains(secondKept.id());
        Job secondPurge = f.purgeAfterExpiry(secondKept);
        assertThat(secondPurge.state()).as(ReprotectFixture.describe(secondPurge)).isEqualTo(JobState.Succeeded);
        assertThat(f.accounts.find(shared)).isEmpty();
    }

    @Test
    void anAccountTheEngineDidNotCreateIsNeverDeletedEvenWhenItCarriesTheEnginesCreatedByTag() {
        // a customer's account that looks like the engine's (copied tags), the VM's original primary account
        String lookalike = f.accounts.createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "app-rg",
                "custprimary01", f.demo.primaryRegion())).id();
        Map<String, String> tags = new HashMap<>(f.vms.find(f.demo.sourceVmId()).orElseThrow().tags());
        tags.put(PrepareTarget.TAG_SOURCE_STORAGE, lookalike);
        f.vms.replaceTags(f.demo.sourceVmId(), tags);
        ProtectedItem item = f.protectDemo("");
        assertThat(item.placement().targetStorageAccount().id()).isEqualToIgnoringCase(lookalike);
        assertThat(f.accounts.tags(lookalike).orElseThrow()).containsAllEntriesOf(
                StorageAccounts.CREATED_BY_ENGINE);

        Job purge = purged(item);

        assertThat(f.accounts.find(lookalike)).as("the customer's account").isPresent();
        assertThat(purge.outputs().get("keptStorageAccounts").toString()).contains("custprimary01")
                .contains(PrepareTarget.TAG_CREATED_FOR);
    }
}
