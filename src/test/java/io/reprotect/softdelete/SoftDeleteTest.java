package io.reprotect.softdelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.StorageAccounts;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.ItemStatus;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.SoftDeleteConfig;
import io.reprotect.testkit.ReprotectFixture;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Soft delete for recovery data: disable keeps, undelete restores, purge deletes only after expiry. */
class SoftDeleteTest {

    ReprotectFixture f;

    @BeforeEach
    void setUp() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Job succeeded(Job job) {
        Job done = f.runToEnd(job.id());
        assertThat(done.state()).as(ReprotectFixture.describe(done)).isEqualTo(JobState.Succeeded);
        return done;
    }

    private DeletedItem disable(ProtectedItem item) {
        return f.deletedBy(succeeded(f.protections.disable(item.id()).orElseThrow()));
    }

    private boolean exists(String armId) {
        return f.arm.resourceIds().stream().anyMatch(id -> id.equalsIgnoreCase(armId));
    }

    @Test
    void disableKeepsReplicasPointsSnapshotsAndAccountsAndListsThemWithTheirExpiry() {
        ProtectedItem item = f.protectDemo("");
        f.writeSource(0, 2L << 20, 8192);
        f.nextCycle();
        ProtectedItem before = f.demoItem();
        Set<String> armBefore = new TreeSet<>(f.arm.resourceIds());

        DeletedItem kept = disable(item);

        assertThat(f.items.get(item.id())).as("the item leaves the list").isEmpty();
        assertThat(f.softDeletes.list(false)).extracting(DeletedItem::id).containsExactly(kept.id());
        assertThat(kept.state()).isEqualTo(DeletedItem.State.KEPT);
        assertThat(kept.deletedBy()).isEqualTo(DeletedItem.DeletedBy.DISABLE_PROTECTION);
        assertThat(Duration.between(kept.deletedAt(), kept.expiresAt())).isEqualTo(Duration.ofDays(14));
        assertThat(kept.item().replicaSet().recoveryPoints()).isEqualTo(before.replicaSet().recoveryPoints());
        assertThat(kept.kept()).anyMatch(l -> l.contains("/blobs/") && l.contains("recovery point"))
                .anyMatch(l -> l.startsWith(item.placement().targetStorageAccount().id()));
        assertThat(new TreeSet<>(f.arm.resourceIds())).as("nothing in ARM was deleted").isEqualTo(armBefore);
        for (var replica : before.replicaSet().replicas()) {
            assertThat(f.replicaBlob(replica.blobName()).exists()).as("replica " + replica.blobName()).isTrue();
        }
        for (var point : before.replicaSet().recoveryPoints()) {
            for (var disk : point.disks()) {
                assertThat(f.replicaBlob(disk.blobName()).getSnapshotClient(disk.snapshot()).exists())
                        .as("recovery point snapshot").isTrue();
            }
        }
    }

    @Test
    void undeleteRestoresProtectionAndTheNextCycleCopiesWhatChanged() {
        ProtectedItem item = f.protectDemo("");
        f.nextCycle();
        ProtectedItem before = f.demoItem();
        DeletedItem kept = disable(item);
        f.writeSource(1, 5L << 20, 65536); // the VM kept running while unprotected

        ProtectedItem restored = f.softDeletes.undelete(kept.id()).orElseThrow();

        assertThat(restored.lifecycle().status()).isEqualTo(ItemStatus.PROTECTED);
        assertThat(f.demoItem().replicaSet().recoveryPoints()).isEqualTo(before.replicaSet().recoveryPoints());
        assertThat(f.demoItem().replicaSet().replicas()).isEqualTo(before.replicaSet().replicas());
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state()).isEqualTo(DeletedItem.State.UNDELETED);
        assertThat(f.softDeletes.list(false)).isEmpty();
        Job cycle = f.nextCycle();
        assertThat(cycle.outputs().toString()).as("the cycle after undelete").isNotEmpty();
        assertThat(f.demoItem().replicaSet().recoveryPoints()).hasSize(before.replicaSet().recoveryPoints().size() + 1);
        f.assertReplicasEqualTheSourceDisks();
    }

    @Test
    void undeleteIsRefusedWhileAnotherItemProtectsTheVmAndChangesNothing() {
        ProtectedItem item = f.protectDemo("");
        DeletedItem kept = disable(item);
        ProtectedItem again = f.protectDemo("");

        assertThatThrownBy(() -> f.softDeletes.undelete(kept.id())).isInstanceOf(DeletedItemRefusedException.class)
                .hasMessageContaining("protected again")
                .satisfies(e -> assertThat(((DeletedItemRefusedException) e).reason())
                        .isEqualTo(DeletedItemRefusedException.Reason.NOT_RESTORABLE));
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state()).isEqualTo(DeletedItem.State.KEPT);
        assertThat(f.demoItem().origin().reprotectJobId()).isEqualTo(again.origin().reprotectJobId());
    }

    @Test
    void undeleteIsRefusedWhenTheVmIsGone() {
        ProtectedItem item = f.protectDemo("");
        DeletedItem kept = disable(item);
        f.vms.delete(item.vmId());

        assertThatThrownBy(() -> f.softDeletes.undelete(kept.id())).isInstanceOf(DeletedItemRefusedException.class)
                .hasMessageContaining("no longer exists");
        assertThat(f.items.get(item.id())).isEmpty();
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state()).isEqualTo(DeletedItem.State.KEPT);
    }

    @Test
    void purgeBeforeExpiryIsRefusedNamingTheExpiryAndDeletesNothing() {
        ProtectedItem item = f.protectDemo("");
        DeletedItem kept = disable(item);
        Set<String> armBefore = new TreeSet<>(f.arm.resourceIds());
        f.queue.advance(Duration.ofDays(13));

        assertThatThrownBy(() -> f.softDeletes.purge(kept.id())).isInstanceOf(DeletedItemRefusedException.class)
                .hasMessageContaining(kept.expiresAt().toString())
                .satisfies(e -> assertThat(((DeletedItemRefusedException) e).reason())
                        .isEqualTo(DeletedItemRefusedException.Reason.NOT_EXPIRED));
        f.watchdog.run();
        assertThat(f.store.get(SoftDeletes.purgeJobId(kept))).as("no purge job started").isEmpty();
        assertThat(new TreeSet<>(f.arm.resourceIds())).isEqualTo(armBefore);
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state()).isEqualTo(DeletedItem.State.KEPT);
    }

    @Test
    void purgeAfterExpiryDeletesOnlyWhatTheEngineCreated() {
        String mine = f.accounts.createIfMissing(StorageAccountSpec.standardV2(
                f.arm.subscriptionId(), "app-rg", "mycache01", "westeurope")).id();
        Set<String> armBefore = new TreeSet<>(f.arm.resourceIds());
        ProtectedItem item = f.protectDemo(", \"cacheStorageAccountId\": \"" + mine + "\"");
        f.nextCycle();
        DeletedItem kept = disable(item);

        f.queue.advance(Duration.ofDays(14).plusMinutes(1));
        Job purge = succeeded(f.softDeletes.purge(kept.id()).orElseThrow());

        assertThat(purge.workflow()).isEqualTo("purge-deleted-item");
        assertThat(f.accounts.find(mine)).as("the cache account the user named is kept").isPresent();
        assertThat(purge.outputs().get("keptStorageAccounts").toString()).contains("mycache01");
        assertThat(f.accounts.find(item.placement().targetStorageAccount().id())).as("the target account the engine created")
                .isEmpty();
        assertThat(f.arm.resourceIds()).as("nothing protection created is left in ARM")
                .allMatch(id -> armBefore.stream().anyMatch(b -> b.equalsIgnoreCase(id)));
        assertThat(f.deletedItems.get(kept.id()).orElseThrow().state()).isEqualTo(DeletedItem.State.PURGED);
        assertThatThrownBy(() -> f.softDeletes.undelete(kept.id())).isInstanceOf(DeletedItemRefusedException.class)
                .hasMessageContaining("Purged");
    }

    @Test
    void theWatchdogPurgesExpiredDeletedItemsAsAJob() {
        ProtectedItem item = f.protectDemo("");
        DeletedItem kept = disable(item);

        Job purge = f.purgeAfterExpiry(kept);

        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(purge.tasks()).extracting(t -> t.name()).containsExactly("start-purge", "remove-replication",
                "remove-protection-storage", "mark-purged");
        assertThat(exists(item.placement().targetStorageAccount().id())).isFalse();
        f.watchdog.run();
        assertThat(f.job(purge.id()).id()).as("a second tick starts nothing new").isEqualTo(purge.id());
    }

    @Test
    void anUndeleteBeforeThePurgeJobRunsStopsItBeforeItDeletesAnything() {
        ProtectedItem item = f.protectDemo("");
        DeletedItem kept = disable(item);
        f.queue.advance(Duration.ofDays(15));
        Job purge = f.softDeletes.purge(kept.id()).orElseThrow(); // started, its first stage not yet run
        ProtectedItem restored = f.softDeletes.undelete(kept.id()).orElseThrow();

        Job stopped = f.runToEnd(purge.id());

        assertThat(stopped.state()).isEqualTo(JobState.Failed);
        assertThat(stopped.tasks().get(0).errors()).extracting(e -> e.code()).contains("NotKept");
        assertThat(stopped.tasks()).filteredOn(t -> !t.name().equals("start-purge"))
                .as("no destroying stage ran").allMatch(t -> t.attempts() == 0);
        for (var replica : restored.replicaSet().replicas()) {
            assertThat(f.replicaBlob(replica.blobName()).exists()).isTrue();
        }
        assertThat(f.accounts.find(restored.placement().targetStorageAccount().id())).isPresent();
        assertThat(f.demoItem().lifecycle().status()).isEqualTo(ItemStatus.PROTECTED);
    }

    @Test
    void theRetentionPeriodHasAMinimumOfOneDayAndAChangeAppliesToLaterDeletions() {
        assertThatThrownBy(() -> f.softDeletes.changeRetention(0)).isInstanceOf(DeletedItemRefusedException.class)
                .hasMessageContaining("at least 1");
        assertThat(f.softDeletes.retentionDays()).isEqualTo(14);

        f.softDeletes.changeRetention(3);
        DeletedItem kept = disable(f.protectDemo(""));

        assertThat(Duration.between(kept.deletedAt(), kept.expiresAt())).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> SoftDeleteConfig.validated(ReprotectFixture.softDeleteConfig(() -> 0)))
                .hasMessageContaining("reprotect.soft-delete.retention-days");
    }

    @Test
    void theEnginesLockStopsOthersDeletingTheReplicaAccountUntilThePurgeLiftsIt() {
        ProtectedItem item = f.protectDemo("");
        String account = item.placement().targetStorageAccount().id();
        assertThat(f.arm.locks().all()).anyMatch(l -> l.scope().equalsIgnoreCase(account)
                && l.name().equals(StorageAccounts.ENGINE_LOCK));
        var properties = f.arm.blobServiceProperties(account);
        assertThat(properties.at("/deleteRetentionPolicy/enabled").asBoolean()).isTrue();
        assertThat(properties.at("/deleteRetentionPolicy/days").asInt()).as("blob soft delete's default").isEqualTo(7);
        assertThat(properties.at("/isVersioningEnabled").asBoolean()).isTrue();

        assertThatThrownBy(() -> f.accounts.delete(account)).as("someone else deleting the account")
                .isInstanceOf(CloudException.class).hasMessageContaining("ScopeLocked");
        assertThat(f.accounts.find(account)).isPresent();

        DeletedItem kept = disable(item);
        assertThat(f.arm.locks().all()).as("disable keeps the lock").anyMatch(l -> l.scope().equalsIgnoreCase(account));
        Job purge = f.purgeAfterExpiry(kept);
        assertThat(purge.state()).as(ReprotectFixture.describe(purge)).isEqualTo(JobState.Succeeded);
        assertThat(f.accounts.find(account)).isEmpty();
        assertThat(f.arm.locks().all()).noneMatch(l -> l.scope().equalsIgnoreCase(account));
    }
}
