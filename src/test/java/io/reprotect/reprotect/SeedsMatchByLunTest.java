package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprotect.protection.Outputs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeds pair with source disks by LUN: a data disk never seeds the wrong disk because of list order. */
class SeedsMatchByLunTest {

    static final String SUB = "/subscriptions/s/resourceGroups/";

    static String disk(String rg, String name) {
        return SUB + rg + "/providers/Microsoft.Compute/disks/" + name;
    }

    static final Outputs.VmSummary SOURCE = new Outputs.VmSummary(SUB + "rg-asr/providers/Microsoft.Compute/virtualMachines/vm",
            "vm", "rg-asr", "northeurope", "RUNNING", disk("rg-asr", "os"),
            List.of(disk("rg-asr", "logs"), disk("rg-asr", "data")), null, List.of(1, 4));

    @Test
    void dataDisksPairByLunNotByPosition() {
        Outputs.VmSummary target = new Outputs.VmSummary(SUB + "rg/providers/Microsoft.Compute/virtualMachines/vm", "vm",
                "rg", "westeurope", "RUNNING", disk("rg", "os"), List.of(disk("rg", "data"), disk("rg", "logs")), null,
                List.of(4, 1)); // listed in another order than the source
        List<Outputs.Replica> replicas = CopySeed.plan(SOURCE, target, "replicas");
        assertThat(replicas).extracting(Outputs.Replica::sourceDiskId, Outputs.Replica::seedDiskId, Outputs.Replica::lun)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(disk("rg-asr", "os"), disk("rg", "os"), -1),
                        org.assertj.core.groups.Tuple.tuple(disk("rg-asr", "logs"), disk("rg", "logs"), 1),
                        org.assertj.core.groups.Tuple.tuple(disk("rg-asr", "data"), disk("rg", "data"), 4));
    }

    @Test
    void aSourceDiskAtALunTheOldPrimaryLackedStartsEmpty() {
        Outputs.VmSummary target = new Outputs.VmSummary(SUB + "rg/providers/Microsoft.Compute/virtualMachines/vm", "vm",
                "rg", "westeurope", "RUNNING", disk("rg", "os"), List.of(disk("rg", "other")), null, List.of(0));
        List<Outputs.Replica> replicas = CopySeed.plan(SOURCE, target, "replicas");
        assertThat(replicas).extracting(Outputs.Replica::seedDiskId).containsExactly(disk("rg", "os"), null, null);
    }

    @Test
    void jobsRecordedBeforeLunsWereKeptReadPositionsAsLuns() {
        Outputs.VmSummary old = new Outputs.VmSummary("id", "vm", "rg", "r", "RUNNING", "os", List.of("a", "b"), null, null);
        assertThat(old.dataDiskLuns()).containsExactly(0, 1);
        assertThat(old.dataDiskAt(1)).isEqualTo("b");
    }
}
