package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.StorageAccountSpec;
import io.reprotect.cloud.VmInfo;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.job.Job;
import io.reprotect.job.JobError;
import io.reprotect.job.JobState;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.protection.Outputs;
import io.reprotect.request.InvalidRequestException;
import io.reprotect.testkit.ReprotectFixture;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests whose ids name different subscriptions, through the real stages, the real SDK and a
 * stand-in that serves two subscriptions (A, with the demo, and B) and answers SubscriptionNotFound
 * for any other.
 */
class CrossSubscriptionStagesTest {

    static final String B = ReprotectFixture.SUBSCRIPTION_B;
    static final String FOREIGN = "00000000-0000-0000-0000-00000000dead";
    static final String STORAGE = "Microsoft.Storage/storageAccounts";

    ReprotectFixture f;

    @BeforeEach
    void start() {
        f = new ReprotectFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Set<String> idsIn(String subscription) {
        String prefix = "/subscriptions/" + subscription.toLowerCase(Locale.ROOT) + "/";
        return new TreeSet<>(f.arm.resourceIds().stream().filter(id -> id.toLowerCase(Locale.ROOT).startsWith(prefix))
                .toList());
    }

    private static JobError prerequisiteError(Job job) {
        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Failed);
        return job.task(ValidatePrerequisites.NAME).orElseThrow().errors().get(0);
    }

    @Test
    void theVmInSubscriptionBIsReprotectedThereAndNothingInAIsTouched() {
        DemoRegionPair demoB = DemoSeed.seed(f.arm, B); // same group and VM names as A's demo
        Set<String> inA = idsIn(f.arm.subscriptionId());
        VmInfo vmInA = f.vms.find(f.demo.targetVmId()).orElseThrow();

        Job job = f.runToEnd(f.submit(f.request(demoB.sourceVmId(), "")).id());

        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(f.vms.find(demoB.targetVmId())).as("B's old primary VM deleted").isEmpty();
        assertThat(f.vms.find(f.demo.targetVmId()).orElseThrow()).as("A's VM of the same name, untouched")
                .extracting(VmInfo::powerState, VmInfo::uniqueId)
                .containsExactly(vmInA.powerState(), vmInA.uniqueId());
        assertThat(idsIn(f.arm.subscriptionId())).as("nothing created or deleted in A").isEqualTo(inA);
        assertThat(job.outputs().get(Outputs.CACHE_STORAGE_ACCOUNT.name()).path("id").asText()).startsWith("/subscriptions/" + B);
        assertThat(job.outputs().get(Outputs.TARGET_STORAGE_ACCOUNT.name()).path("id").asText()).startsWith("/subscriptions/" + B);
        assertThat(job.outputs().get(Outputs.AVAILABILITY_SET.name()).asText()).startsWith("/subscriptions/" + B);
        assertThat(job.outputs().get(Outputs.TARGET_RESOURCE_GROUP_ID.name()).asText()).isEqualTo("/subscriptions/" + B
                + "/resourceGroups/app-rg");
    }

    @Test
    void aCacheAccountNamedInAnotherServedSubscriptionIsCreatedThereWithItsGroup() {
        String cache = "/subscriptions/" + B + "/resourceGroups/cache-rg/providers/" + STORAGE + "/cachex";
        Job job = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), ", \"cacheStorageAccountId\": \"" + cache + "\""))
                .id());

        assertThat(job.state()).as(ReprotectFixture.describe(job)).isEqualTo(JobState.Succeeded);
        assertThat(f.arm.resource(cache)).as("account created in B").isNotNull();
        assertThat(f.arm.resource("/subscriptions/" + B + "/resourceGroups/cache-rg")).as("group created in B").isNotNull();
        assertThat(f.arm.resourceIds()).as("nothing named cache-rg or cachex in A")
                .noneMatch(id -> id.startsWith("/subscriptions/" + f.arm.subscriptionId())
                        && (id.contains("/cache-rg") || id.endsWith("/cachex")));
        assertThat(job.outputs().get(Outputs.CACHE_STORAGE_ACCOUNT.name()).path("id").asText()).isEqualToIgnoringCase(cache);
    }

    @Test
    void aRequestNamingASubscriptionTheAppDoesNotServeIsRefusedBeforeItBecomesAJob() {
        String vm = f.demo.sourceVmId().replace(f.arm.subscriptionId(), FOREIGN);
        String cache = "/subscriptions/" + FOREIGN + "/resourceGroups/x/providers/" + STORAGE + "/cachex";
        assertThatThrownBy(() -> f.submit(f.request(vm, ", \"cacheStorageAccountId\": \"" + cache + "\"")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(err -> err.field()).containsExactly("vmId", "cacheStorageAccountId"));
        assertThat(f.arm.createdCount(STORAGE)).isZero();
    }

    @Test
    void aFailoverFromASubscriptionTheAppDoesNotServeIsRefusedWithTheSettingToChange() {
        String oldPrimary = f.demo.targetVmId().replace(f.arm.subscriptionId(), FOREIGN);
        String os = f.arm.createDisk("app-rg-asr", "app02-os", "northeurope", 1, "Premium_LRS");
        String vm = f.arm.createVm("app-rg-asr", "app02", "northeurope", os, List.of(), null, Map.of(
                FailoverRecord.TAG_SOURCE_VM, oldPrimary, FailoverRecord.TAG_SOURCE_REGION, "westeurope",
                FailoverRecord.TAG_SOURCE_RG, "app-rg", FailoverRecord.TAG_STATE, "committed"), "running");

        JobError error = prerequisiteError(f.runToEnd(f.submit(f.request(vm, "")).id()));

        assertThat(error.code()).isEqualTo("SubscriptionNotServed");
        assertThat(error.message()).contains(FOREIGN).contains("reprotect.arm.subscription-ids");
        assertThat(f.arm.createdCount(STORAGE)).isZero();
    }

    @Test
    void aCacheAccountOutsideThePrimaryRegionIsRefusedInThePrerequisitesCheck() {
        f.arm.createResourceGroup("north-rg", "northeurope", Map.of());
        String cache = f.accounts.createIfMissing(StorageAccountSpec.standardV2(f.arm.subscriptionId(), "north-rg",
                "northcache", "northeurope")).id();
        int accounts = f.arm.createdCount(STORAGE);

        JobError error = prerequisiteError(f.runToEnd(f.submit(f.request(f.demo.sourceVmId(),
                ", \"cacheStorageAccountId\": \"" + cache + "\"")).id()));

        assertThat(error.code()).isEqualTo("CacheStorageAccountNotInPrimaryRegion");
        assertThat(error.message()).contains("northeurope").contains("westeurope");
        assertThat(error.recommendedAction()).contains("cacheStorageAccountId");
        assertThat(f.arm.createdCount(STORAGE)).as("nothing created").isEqualTo(accounts);
    }

    @Test
    void anAvailabilitySetOutsideThePrimaryRegionIsRefusedInThePrerequisitesCheck() {
        f.arm.createResourceGroup("north-rg", "northeurope", Map.of());
        String avset = f.arm.createAvailabilitySet("north-rg", "north-avset", "northeurope");

        JobError error = prerequisiteError(f.runToEnd(f.submit(f.request(f.demo.sourceVmId(),
                ", \"availabilitySetId\": \"" + avset + "\"")).id()));

        assertThat(error.code()).isEqualTo("AvailabilitySetNotInPrimaryRegion");
        assertThat(error.recommendedAction()).contains("availabilitySetId");
        assertThat(f.arm.createdCount(STORAGE)).as("nothing created").isZero();
    }

    @Test
    void anExistingTargetResourceGroupOutsideThePrimaryRegionIsRefusedInThePrerequisitesCheck() {
        f.arm.createResourceGroup("north-rg", "North Europe", Map.of());
        String group = "/subscriptions/" + f.arm.subscriptionId() + "/resourceGroups/north-rg";

        JobError error = prerequisiteError(f.runToEnd(f.submit(f.request(f.demo.sourceVmId(),
                ", \"targetResourceGroupId\": \"" + group + "\"")).id()));

        assertThat(error.code()).isEqualTo("TargetResourceGroupNotInPrimaryRegion");
        assertThat(error.possibleCauses()).isNotEmpty();
        assertThat(error.recommendedAction()).contains("targetResourceGroupId");
        assertThat(f.arm.createdCount(STORAGE)).as("nothing created").isZero();
    }
}
