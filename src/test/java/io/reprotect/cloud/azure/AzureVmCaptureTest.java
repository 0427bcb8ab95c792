package io.reprotect.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.cloud.VmShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The old primary VM's shape, read through the SDK from the stand-in. */
class AzureVmCaptureTest {

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
    void capturesSizePlacementTagsDisksByLunNicAndExtensions() {
        VmShape shape = f.capture().capture(f.demo.targetVmId()).orElseThrow();
        assertThat(shape.name()).isEqualTo("app01");
        assertThat(shape.region()).isEqualTo("westeurope");
        assertThat(shape.vmSize()).isEqualTo("Standard_D2s_v3");
        assertThat(shape.availabilitySetId()).isEqualToIgnoringCase(f.demo.targetAvailabilitySetId());
        assertThat(shape.tags()).containsEntry("app", "demo");
        assertThat(shape.osType()).isEqualTo("Linux");
        assertThat(shape.osDisk().diskId()).isEqualToIgnoringCase(f.demo.targetDiskIds().get(0));
        assertThat(shape.osDisk().sku()).isEqualTo("Premium_LRS");
        assertThat(shape.dataDisks()).singleElement().satisfies(d -> {
            assertThat(d.lun()).isZero();
            assertThat(d.diskId()).isEqualToIgnoringCase(f.demo.targetDiskIds().get(1));
            assertThat(d.caching()).isEqualTo("ReadOnly");
            assertThat(d.sizeGb()).isEqualTo(1);
        });
        assertThat(shape.nics()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualToIgnoringCase(f.demo.targetNicId());
            assertThat(n.primary()).isTrue();
            assertThat(n.subnetId()).isEqualToIgnoringCase(f.demo.primaryVnetId() + "/subnets/default");
            assertThat(n.privateIp()).isEqualTo("10.1.0.10");
            assertThat(n.privateIpAllocation()).isEqualTo("Static");
        });
        assertThat(shape.extensions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("CustomScript");
            assertThat(e.publisher()).isEqualTo("Microsoft.Azure.Extensions");
            assertThat(e.typeHandlerVersion()).isEqualTo("2.1");
            assertThat(e.settings().path("commandToExecute").asText()).isEqualTo("echo hello");
        });
        assertThat(shape.extensionsNeedingProtectedSettings()).containsExactly("CustomScript");
    }

    @Test
    void dataDisksAreKeyedByTheirLunEvenWithGaps() {
        String os = f.arm.createDisk("app-rg", "gaps-os", "westeurope", 1, "Premium_LRS");
        String d5 = f.arm.createDisk("app-rg", "gaps-lun5", "westeurope", 1, "Standard_LRS");
        String d2 = f.arm.createDisk("app-rg", "gaps-lun2", "westeurope", 1, "Premium_LRS");
        String nic = f.arm.createNic("app-rg", "gaps-nic", "westeurope", f.demo.primaryVnetId() + "/subnets/default", null);
        String vm = f.arm.createVm("app-rg", "gaps01", "westeurope", os, Map.of(5, d5, 2, d2), null, List.of(nic),
                Map.of(), "running");
        VmShape shape = f.capture().capture(vm).orElseThrow();
        assertThat(shape.dataDisks()).extracting(VmShape.Disk::lun).containsExactly(2, 5);
        assertThat(shape.dataDisk(5).orElseThrow().diskId()).isEqualToIgnoringCase(d5);
        assertThat(shape.dataDisk(5).orElseThrow().sku()).isEqualTo("Standard_LRS");
        assertThat(f.vms().find(vm).orElseThrow().dataDiskLuns()).containsExactly(2, 5);
    }

    @Test
    void missingVmCapturesNothing() {
        assertThat(f.capture().capture(f.id("app-rg", "Microsoft.Compute/virtualMachines", "nope"))).isEmpty();
    }
}
