package io.reprotect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.failover.FailoverOutputs;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.job.Task;
import io.reprotect.protection.Outputs;
import io.reprotect.replication.CycleInputs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A typed key writes exactly the JSON a stage wrote before keys were typed (same name, same mapper), and reads
 * back job records written then.
 */
class OutputKeyTest {

    private static final List<Outputs.Replica> REPLICAS = List.of(
            new Outputs.Replica("/disks/src-os", "/disks/old-os", "replicas", "os.vhd", -1),
            new Outputs.Replica("/disks/src-data", null, "replicas", "data.vhd", 0));

    @Test
    void aRecordIsStoredAsBeforeUnderItsName() {
        CycleInputs.Cycle cycle = new CycleInputs.Cycle("item-1", 7);

        Output entry = CycleInputs.CYCLE.of(cycle);

        assertThat(entry.name()).isEqualTo("cycle");
        assertThat(entry.value()).isEqualTo(StageContext.json(cycle));
        assertThat(entry.value().toString()).isEqualTo("{\"itemId\":\"item-1\",\"number\":7}");
        assertThat(CycleInputs.CYCLE.read(Map.of("cycle", entry.value()))).contains(cycle);
    }

    @Test
    void aListOfRecordsIsStoredAsTheSameArrayAndReadsBackEqual() {
        Output entry = Outputs.REPLICAS.of(REPLICAS);

        assertThat(entry.name()).isEqualTo("replicas");
        assertThat(entry.value()).isEqualTo(StageContext.json(REPLICAS));
        assertThat(entry.value().isArray()).isTrue();
        assertThat(Outputs.REPLICAS.read(Map.of("replicas", entry.value()))).contains(REPLICAS);
    }

    @Test
    void aStringIsStoredAsAJsonString() {
        Output entry = FailoverOutputs.VM.of("/vms/app01");

        assertThat(entry.name()).isEqualTo("failoverVm");
        assertThat(entry.value().isTextual()).isTrue();
        assertThat(entry.value()).isEqualTo(StageContext.json("/vms/app01"));
        assertThat(FailoverOutputs.VM.read(Map.of("failoverVm", entry.value()))).contains("/vms/app01");
    }

    @Test
    void aJobRecordWrittenBeforeKeysWereTypedReadsTheSame() throws Exception {
        // as stored by a job before LUNs were kept: no "lun" field
        JsonNode old = JobJson.MAPPER.readTree("[{\"sourceDiskId\":\"/disks/a\",\"seedDiskId\":null,"
                + "\"container\":\"replicas\",\"blobName\":\"a.vhd\"}]");
        Job job = job(Map.of("replicas", old));

        List<Outputs.Replica> read = Outputs.REPLICAS.read(job).orElseThrow();

        assertThat(read).containsExactly(new Outputs.Replica("/disks/a", null, "replicas", "a.vhd"));
        assertThat(read).isEqualTo(List.of(JobJson.MAPPER.convertValue(old, Outputs.Replica[].class)));
    }

    @Test
    void aStageFindsWhatAnEarlierStageRecorded() {
        Job job = job(Output.map(CycleInputs.CYCLE.of(new CycleInputs.Cycle("item-1", 3))));
        StageContext context = new StageContext(job, job.tasks().get(0), Instant.now());

        assertThat(context.require(CycleInputs.CYCLE).number()).isEqualTo(3);
        assertThat(context.get(CycleInputs.ABORTED)).isEmpty();
        assertThat(CycleInputs.CYCLE.isIn(job)).isTrue();
        assertThat(CycleInputs.ABORTED.isIn(job)).isFalse();
    }

    @Test
    void requireSaysWhichJobStageAndOutputAreMissing() {
        Job job = job(Map.of());
        StageContext context = new StageContext(job, job.tasks().get(0), Instant.now());

        assertThatThrownBy(() -> context.require(CycleInputs.SNAPSHOTS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("job-1").hasMessageContaining("copy-changes")
                .hasMessageContaining("'cycleSnapshots'").hasMessageContaining("GET /api/jobs/job-1");
    }

    @Test
    void anOutcomeRecordsTheSameMapAsTheStringKeyedOneDid() {
        Outcome typed = Outcome.next(Outputs.PROTECTION_STATE.of("Protected"), FailoverOutputs.VM.of("/vms/a"));

        assertThat(((Outcome.Next) typed).outputs()).isEqualTo(Map.of("protectionState",
                StageContext.json("Protected"), "failoverVm", StageContext.json("/vms/a")));
        Outcome later = Outcome.continueLater(null, null, null, FailoverOutputs.CREATED_NICS.of(List.of("/nics/a")));
        assertThat(((Outcome.ContinueLater) later).outputs()).containsOnlyKeys("failoverCreatedNics");
    }

    @Test
    void anEntryRecordedTwiceIsRefused() {
        assertThatThrownBy(() -> Outcome.next(FailoverOutputs.VM.of("/vms/a"), FailoverOutputs.VM.of("/vms/b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failoverVm");
    }

    @Test
    void aLowerLayerViewReadsTheSameEntryAsJson() {
        Output plan = Outputs.FAILOVER_PLAN.of(JobJson.MAPPER.createObjectNode().put("itemId", "item-1"));

        assertThat(Outputs.FAILOVER_PLAN.as(Map.class).name()).isEqualTo("failoverPlan");
        assertThat(Outputs.FAILOVER_PLAN.as(Map.class).read(Output.map(plan))).contains(Map.of("itemId", "item-1"));
    }

    private static Job job(Map<String, JsonNode> outputs) {
        return new Job("job-1", "replication-cycle", "/vms/app01", null, JobState.InProgress,
                List.of(Task.notStarted("copy-changes", "Copy changed ranges")), false, null, 0, outputs,
                Instant.now(), Instant.now());
    }
}
