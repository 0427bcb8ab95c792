package io.reprotect.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.PowerState;
import io.reprotect.local.arm.ArmStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One set of managers per served subscription, picked by the subscription in each id, through the
 * real SDK against a stand-in serving subscriptions A and B (and not C, which the app is told to serve).
 */
class ArmManagersTest {

    static final String A = "00000000-0000-0000-0000-0000000a4e00";
    static final String B = "00000000-0000-0000-0000-0000000b4e00";
    static final String C = "00000000-0000-0000-0000-0000000c4e00";
    static final String FOREIGN = "00000000-0000-0000-0000-00000000dead";

    static ArmStandIn arm;
    static ArmManagers managers;

    @BeforeAll
    static void start() {
        arm = ArmStandIn.start(ArmStandIn.Options.defaults().withSubscriptions(List.of(A, B)));
        managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), List.of(A, B, C), Duration.ofMillis(20)));
        for (String sub : List.of(A, B)) {
            arm.createResourceGroup(sub, "rg", "northeurope", Map.of());
            String os = arm.createDisk(sub, "rg", "vm1-os", "northeurope", 1, "Premium_LRS");
            arm.createVm(sub, "rg", "vm1", "northeurope", os, List.of(), null, Map.of("home", sub), "running");
        }
    }

    @AfterAll
    static void stop() {
        arm.close();
    }

    static String vm(String sub) {
        return "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
    }

    @Test
    void aVmIsReadFromTheSubscriptionItsIdNamesEvenWhenAnotherHasOneOfTheSameName() {
        AzureVirtualMachines vms = new AzureVirtualMachines(managers);
        assertThat(vms.find(vm(A)).orElseThrow().tags()).containsEntry("home", A);
        assertThat(vms.find(vm(B)).orElseThrow().tags()).containsEntry("home", B);
        assertThat(vms.find(vm(B.toUpperCase(Locale.ROOT))).orElseThrow().tags()).containsEntry("home", B);
    }

    @Test
    void aDeallocationReachesOnlyTheNamedSubscription() {
        for (String sub : List.of(A, B)) {
            String os = arm.createDisk(sub, "rg", "vm2-os", "northeurope", 1, "Premium_LRS");
            arm.createVm(sub, "rg", "vm2", "northeurope", os, List.of(), null, Map.of(), "running");
        }
        AzureVirtualMachines vms = new AzureVirtualMachines(managers);
        String inB = vm(B).replace("/vm1", "/vm2");
        vms.deallocate(inB);
        assertThat(vms.find(inB).orElseThrow().powerState()).isEqualTo(PowerState.DEALLOCATED);
        assertThat(vms.find(vm(A).replace("/vm1", "/vm2")).orElseThrow().powerState())
                .isEqualTo(PowerState.RUNNING);
    }

    @Test
    void eachSubscriptionsManagersAreBuiltOnceWhateverTheCasing() {
        assertThat(managers.of(A)).isSameAs(managers.of(A.toUpperCase(Locale.ROOT)));
        assertThat(managers.of(A)).isNotSameAs(managers.of(B));
    }

    @Test
    void aSubscriptionTheAppDoesNotServeIsNeverCalled() {
        int before = arm.actionsSeen().size();
        assertThatThrownBy(() -> new AzureVirtualMachines(managers).find(vm(FOREIGN)))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.retryable()).as("never retried").isFalse())
                .hasMessageContaining(FOREIGN)
                .hasMessageContaining(ArmSettings.SUBSCRIPTIONS_KEY);
        assertThat(arm.actionsSeen()).hasSize(before);
    }

    @Test
    void theStandInAnswersSubscriptionNotFoundAsArmDoesForASubscriptionItDoesNotHold() {
        assertThatThrownBy(() -> managers.of(C).compute().serviceClient().getVirtualMachines()
                .getByResourceGroup("rg", "vm1"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("SubscriptionNotFound");
                    assertThat(e.getValue().getMessage()).isEqualTo("The subscription '" + C + "' could not be found.");
                });
    }
}
