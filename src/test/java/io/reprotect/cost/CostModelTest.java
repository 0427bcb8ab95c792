package io.reprotect.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reprotect.cost.AzurePrices.RegionPair;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost arithmetic on a fixed set of per-cycle counts gives the dollars worked out by hand (no timing). */
class CostModelTest {

    static final double CENT_FRACTION = 1e-6;
    /** One VM's cycle: 7 executions, 21 queue operations, 21/32 job store writes/reads, 518 billed page blob operations. */
    static final Map<String, Double> CYCLE = Map.ofEntries(
            Map.entry("executions", 7.0), Map.entry("execution seconds", 5.0),
            Map.entry("billed execution seconds", 8.0),
            Map.entry("lro poll in-process compute", 10.0), Map.entry("lro poll in-process disk", 20.0),
            Map.entry("lro awaited compute", 2.0), Map.entry("lro awaited disk", 10.0),
            Map.entry("service bus send", 5.0), Map.entry("service bus scheduled send", 2.0),
            Map.entry("service bus receive", 7.0), Map.entry("service bus complete", 7.0),
            Map.entry("job store write", 21.0), Map.entry("job store read", 32.0),
            Map.entry("blob snapshot create", 2.0), Map.entry("blob snapshot delete", 2.0),
            Map.entry("source get page ranges diff", 512.0),
            Map.entry("source head blob", 4.0), Map.entry("source get blob", 1728.0), Map.entry("arm GET", 45.0),
            Map.entry(CostModel.LOG_RECORDS, 10.0), Map.entry(CostModel.LOG_BYTES, 2000.0),
            Map.entry(CostModel.BYTES_CHANGED, 108.0 * (1 << 20)));

    final CostModel model = new CostModel(CostModel.Scenario.defaults(RegionPair.WITHIN_NORTH_AMERICA_OR_EUROPE));

    @Test
    void executionTimeSwapsTheStandInsPollWaitsForAzuresIntervals() {
        // 8.0 billed - 30 polls x 20 ms; then 2 Compute operations x 30 s + 10 disk operations x 2 s
        assertThat(model.secondsWithoutWaits(CYCLE)).isCloseTo(7.4, within(1e-9));
        assertThat(model.secondsWithAzureWaits(CYCLE)).isCloseTo(87.4, within(1e-9));
    }

    @Test
    void orchestrationPerVmMonthIsPricedLineByLine() {
        CostModel.Bill bill = model.bill(CYCLE);
        Map<String, Double> o = bill.orchestration();
        assertThat(o.get("Functions executions")).isCloseTo(0.024192, within(CENT_FRACTION));
        assertThat(o.get("Functions GB-s (Azure's operation waits, in-process)")).isCloseTo(39.267072, within(CENT_FRACTION));
        assertThat(o.get("Service Bus operations (inside the 13M included)")).isZero();
        assertThat(o.get("Job store transactions")).isCloseTo(1.017792, within(CENT_FRACTION));
        assertThat(o.get("Page blob transactions")).as("deletes are free").isCloseTo(0.223776, within(CENT_FRACTION));
        assertThat(o.get("Log Analytics ingestion")).isCloseTo(0.417312, within(CENT_FRACTION));
        assertThat(bill.orchestrationTotal()).isCloseTo(40.950144, within(CENT_FRACTION));
    }

    @Test
    void egressAndStorageArePerVmButApartFromOrchestration() {
        Map<String, Double> apart = model.bill(CYCLE).perVmApart();
        assertThat(apart.get("Egress between regions (within North America or Europe)"))
                .isCloseTo(19.568945, within(CENT_FRACTION));
        assertThat(apart.get("Replica page blobs")).isCloseTo(5.76, within(CENT_FRACTION));
        assertThat(apart.get("Base incremental snapshots (LRS)")).isCloseTo(6.40, within(CENT_FRACTION));
        assertThat(apart.get("Recovery points (changed pages kept)")).isCloseTo(1.366875, within(CENT_FRACTION));
        CostModel asia = new CostModel(CostModel.Scenario.defaults(RegionPair.WITHIN_ASIA));
        assertThat(asia.bill(CYCLE).perVmApart().get("Egress between regions (within Asia)"))
                .isCloseTo(78.275779, within(CENT_FRACTION));
    }

    @Test
    void asrAllInPaysTheSameEgressAndItsOwnStorage() {
        Map<String, Double> asr = model.bill(CYCLE).asr();
        assertThat(asr.get("ASR licence")).isEqualTo(25.0);
        assertThat(asr.get("ASR replica managed disk (Standard HDD S10)")).isEqualTo(5.89);
        assertThat(asr.get("ASR recovery point snapshots (changed data kept)")).isCloseTo(1.51875, within(CENT_FRACTION));
        assertThat(asr.get("ASR egress between regions (the same bytes)")).isCloseTo(19.568945, within(CENT_FRACTION));
    }

    @Test
    void fixedCostsArePerDeploymentAndServiceBusOperationsAreInsideTheBaseFee() {
        CostModel.Bill bill = model.bill(CYCLE);
        assertThat(bill.perDeployment().get("Service Bus Standard namespace (base charge)")).isCloseTo(9.855, within(1e-9));
        assertThat(bill.perDeployment().get("Always-ready instances (0)")).isZero();
        assertThat(bill.perDeployment().get("Alerts")).isCloseTo(1.60, within(1e-9));
        assertThat(bill.facts().get("VMs the 13M included Service Bus operations cover")).isCloseTo(71.649, within(1e-3));
        assertThat(bill.facts().get("Service Bus operations per VM past them")).isCloseTo(0.145152, within(CENT_FRACTION));
        assertThat(bill.facts().get("Functions GB-s once nothing waits in-process")).isCloseTo(3.324672, within(CENT_FRACTION));
        assertThat(bill.facts().get("Page blob transactions at hot block blob rates (upper case)"))
                .isCloseTo(1.790208, within(CENT_FRACTION));
    }

    @Test
    void anExecutionIsBilledAtLeastOneSecond() {
        Map<String, Double> quick = Map.of("executions", 7.0, "execution seconds", 0.7);
        assertThat(model.secondsWithoutWaits(quick)).isEqualTo(7.0);
    }
}
