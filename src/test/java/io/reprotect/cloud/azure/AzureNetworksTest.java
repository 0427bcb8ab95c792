package io.reprotect.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.cloud.CloudException;
import io.reprotect.cloud.NicSpec;
import io.reprotect.cloud.VmShape;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NICs and subnets through the SDK against the stand-in, with Azure's address rules. */
class AzureNetworksTest {

    static CloudFixture f;
    static String subnet;

    @BeforeAll
    static void start() {
        f = CloudFixture.start();
        subnet = f.demo.primaryVnetId() + "/subnets/default";
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void nicWithStaticIpIsCreatedOnceAndDeletedIdempotently() {
        NicSpec spec = new NicSpec("app-rg", "net-static", "westeurope", subnet, "10.1.0.20", null, true, Map.of("k", "v"));
        int before = f.arm.createdCount("Microsoft.Network/networkInterfaces");
        VmShape.Nic nic = f.networks().createNic(spec);
        assertThat(nic.privateIp()).isEqualTo("10.1.0.20");
        assertThat(nic.privateIpAllocation()).isEqualTo("Static");
        assertThat(nic.acceleratedNetworking()).isTrue();
        assertThat(f.networks().createNic(spec).id()).isEqualToIgnoringCase(nic.id());
        assertThat(f.arm.createdCount("Microsoft.Network/networkInterfaces")).isEqualTo(before + 1);
        f.networks().deleteNic(nic.id());
        assertThat(f.networks().findNic(nic.id())).isEmpty();
        f.networks().deleteNic(nic.id());
    }

    @Test
    void anIpInUseIsNotFreeAndCannotBeTaken() {
        assertThat(f.networks().isPrivateIpFree(f.demo.primaryVnetId(), "10.1.0.10")).isFalse();
        assertThat(f.networks().isPrivateIpFree(f.demo.primaryVnetId(), "10.1.0.11")).isTrue();
        assertThat(f.networks().isPrivateIpFree(f.demo.primaryVnetId(), "10.1.0.1")).as("reserved by Azure").isFalse();
        assertThatThrownBy(() -> f.networks().createNic(new NicSpec("app-rg", "net-clash", "westeurope", subnet,
                "10.1.0.10", null, false, Map.of())))
                .isInstanceOf(CloudException.class)
                .satisfies(e -> assertThat(((CloudException) e).errorCode()).isEqualTo("PrivateIPAddressInUse"));
    }

    @Test
    void theSameIpIsFreeInAnIsolatedNetworkWithTheSamePrefixes() {
        assertThat(f.networks().isPrivateIpFree(f.demo.testVnetId(), "10.1.0.10")).isTrue();
    }

    @Test
    void dynamicNicGetsTheFirstFreeAddressAfterTheReservedOnes() {
        VmShape.Nic nic = f.networks().createNic(new NicSpec("app-rg", "net-dyn", "westeurope",
                f.demo.testVnetId() + "/subnets/default", null, null, false, Map.of()));
        assertThat(nic.privateIp()).isEqualTo("10.1.0.4");
        assertThat(nic.privateIpAllocation()).isEqualTo("Dynamic");
        f.networks().deleteNic(nic.id());
    }

    @Test
    void aNicOfAVmCannotBeDeleted() {
        assertThatThrownBy(() -> f.networks().deleteNic(f.demo.targetNicId()))
                .isInstanceOf(CloudException.class)
                .satisfies(e -> assertThat(((CloudException) e).errorCode()).isEqualTo("NicInUse"));
    }

    @Test
    void subnetShowsItsPrefixAndMissingOnesAreEmpty() {
        assertThat(f.networks().findSubnet(subnet).orElseThrow().addressPrefix()).isEqualTo("10.1.0.0/24");
        assertThat(f.networks().findSubnet(f.demo.primaryVnetId() + "/subnets/nope")).isEmpty();
    }
}
