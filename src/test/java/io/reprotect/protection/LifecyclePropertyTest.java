package io.reprotect.protection;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobUrlParts;
import io.reprotect.cloud.PowerState;
import io.reprotect.failover.FailoverOutputs;
import io.reprotect.failover.ItemState;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.testkit.ReprotectFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of lifecycle operations (failover, change point, cancel, commit, disable, drill, cleanup,
 * resume), each step under a random fault in ARM, checking after every step that the protected VM has a running
 * VM or a recovery point from which one can be created, and at the end that, once faults stop, what the item
 * allows leads it back to a settled state. Seeded, so a failure names a sequence that can be replayed: run more
 * with {@code -Dlifecycle.sequences=N -Dlifecycle.seed=S} (the figures of such a run are in docs/architecture.md).
 */
class LifecyclePropertyTest {

    private static final Logger LOG = Logger.getLogger(LifecyclePropertyTest.class);
    private static final int SEQUENCES = Integer.getInteger("lifecycle.sequences", 2);
    private static final long SEED = Long.getLong("lifecycle.seed", 20261207L);
    private static final int STEPS = Integer.getInteger("lifecycle.steps", 6);

    /** Faults a step may run under: ARM refusing one kind of call, for the whole step. */
    private static final List<String[]> FAULTS = List.of(
            new String[] {"PUT", "/virtualMachines/[^/]+$", "403"},
            new String[] {"POST", "/virtualMachines/[^/]+/start", "403"},
            new String[] {"POST", "/virtualMachines/[^/]+/deallocate", "403"},
            new String[] {"DELETE", "/virtualMachines/", "403"},
            new String[] {"PUT", "/providers/Microsoft.Compute/disks/", "403"},
            new String[] {"DELETE", "/providers/Microsoft.Compute/disks/", "403"},
            new String[] {"DELETE", "/storageAccounts/", "409"},
            new String[] {"PUT", "/extensions/", "403"},
            new String[] {"PUT", "/snapshots/", "403"});

    record Figures(int sequences, int steps, int faults, int failedJobs, int refusals, int violations) {
    }

    @Test
    void everyStepKeepsARunningVmOrARecoveryPointAndWhatIsAllowedCanFinish() {
        Random random = new Random(SEED);
        int steps = 0;
        int faults = 0;
        int failedJobs = 0;
        int refusals = 0;
        List<String> violations = new ArrayList<>();
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            ReprotectFixture f = new ReprotectFixture();
            try {
                Job reprotect = f.runToEnd(f.submit(f.request(f.demo.sourceVmId(), "")).id());
                assertThat(reprotect.state()).as(ReprotectFixture.describe(reprotect)).isEqualTo(JobState.Succeeded);
                String itemId = ProtectedItemStore.idOf(f.demo.sourceVmId());
                Sequence run = new Sequence(f, itemId, random);
                for (int step = 0; step < STEPS && run.itemExists(); step++) {
                    steps++;
                    if (random.nextBoolean()) {
                        String[] fault = FAULTS.get(random.nextInt(FAULTS.size()));
                        f.arm.faults().next(fault[0], fault[1], Integer.parseInt(fault[2]), Map.of(), 1_000);
                        faults++;
                    }
                    Optional<Job> job = run.randomStep();
                    f.arm.faults().clear();
                    if (job.isEmpty()) {
                        refusals++;
                    } else if (job.get().state() != JobState.Succeeded) {
                        failedJobs++;
                    }
                    run.invariant().ifPresent(v -> violations.add("seed " + SEED + " sequence " + run.trace() + ": " + v));
                }
                run.finish().ifPresent(v -> violations.add("seed " + SEED + " sequence " + run.trace() + ": " + v));
            } finally {
                f.close();
            }
        }
        Figures figures = new Figures(SEQUENCES, steps, faults, failedJobs, refusals, violations.size());
        LOG.infof("lifecycle property run: %s", figures);
        assertThat(violations).as(figures.toString()).isEmpty();
    }

    /** One sequence on one protected item. */
    private static final class Sequence {
        private final ReprotectFixture f;
        private final String itemId;
        private final Random random;
        private final List<String> trace = new ArrayList<>();
        private final List<String> failoverVms = new ArrayList<>();
        private Job lastFailed;

        Sequence(ReprotectFixture f, String itemId, Random random) {
            this.f = f;
            this.itemId = itemId;
            this.random = random;
        }

        String trace() {
            return String.join(" -> ", trace);
        }

        boolean itemExists() {
            return f.items.get(itemId).isPresent();
        }

        ItemState state() {
            return f.failovers.state(itemId).orElseThrow();
        }

        /** One allowed operation (or a resume of the last failed job, or a call that is not allowed). */
        Optional<Job> randomStep() {
            List<String> allowed = new ArrayList<>(state().allowedOperations());
            allowed.remove("Reprotect"); // a reprotect back is its own test (ReprotectBackTest)
            if (lastFailed != null && random.nextInt(4) == 0) {
                trace.add("Resume(" + lastFailed.workflow() + ")");
                try {
                    f.jobs.resume(lastFailed.id());
                } catch (OperationNotAllowedException refused) {
                    trace.add("refused");
                    return Optional.empty();
                }
                return Optional.of(record(f.runToEnd(lastFailed.id())));
            }
            String operation = allowed.isEmpty() || random.nextInt(8) == 0 ? "PlannedFailover"
                    : allowed.get(random.nextInt(allowed.size()));
            if (List.of("DisableProtection", "Commit").contains(operation) && allowed.size() > 1 && random.nextBoolean()) {
                operation = allowed.get(random.nextInt(allowed.size())); // they end a sequence: take them less often
            }
            trace.add(operation);
            ProtectedItem before = f.items.get(itemId).orElseThrow();
            try {
                return Optional.of(record(f.runToEnd(start(operation).id())));
            } catch (OperationNotAllowedException refused) {
                trace.add("refused");
                assertThat(f.items.get(itemId).orElseThrow()).as("a refused call changes nothing").isEqualTo(before);
                return Optional.empty();
            }
        }

        private Job start(String operation) {
            String id = UUID.randomUUID().toString();
            return switch (operation) {
                case "PlannedFailover" -> f.failovers.failover(itemId, "Planned", null, id);
                case "UnplannedFailover" -> f.failovers.failover(itemId, "Unplanned", null, id);
                case "ChangeRecoveryPoint" -> f.failovers.changeRecoveryPoint(itemId, random.nextBoolean() ? "Latest"
                        : f.items.get(itemId).orElseThrow().replicaSet().recoveryPoints().get(0).id(), id);
                case "CancelFailover" -> f.failovers.cancel(itemId, id);
                case "Commit" -> f.failovers.commit(itemId, id);
                case "TestFailover" -> f.failovers.testFailover(itemId, "Latest", f.demo.testVnetId(), false, id);
                case "TestFailoverCleanup" -> f.failovers.testFailoverCleanup(itemId, id);
                case "DisableProtection" -> f.protections.disable(itemId).orElseThrow();
                default -> throw new IllegalArgumentException(operation);
            };
        }

        private Job record(Job job) {
            trace.add(job.state().toString());
            if (job.outputs().containsKey(FailoverOutputs.VM.name()) && !job.workflow().startsWith("test-failover")) {
                failoverVms.add(job.outputs().get(FailoverOutputs.VM.name()).asText());
            }
            lastFailed = job.state() == JobState.Failed ? job : null;
            return job;
        }

        /** A running VM of the protected VM (the source, or one a failover made), or a readable recovery point. */
        Optional<String> invariant() {
            Optional<ProtectedItem> item = f.items.get(itemId);
            boolean vmRuns = running(f.demo.sourceVmId()) || failoverVms.stream().anyMatch(this::running);
            if (item.isEmpty()) {
                return vmRuns ? Optional.empty() : Optional.of("protection disabled and no VM runs");
            }
            boolean pointReadable = item.get().replicaSet().recoveryPoints().stream().anyMatch(p -> readable(item.get(), p));
            return vmRuns || pointReadable ? Optional.empty()
                    : Optional.of("no running VM and no readable recovery point in " + state().lifecycleState());
        }

        /** With faults stopped, what the item allows leads back to Protected or FailoverCommitted. */
        Optional<String> finish() {
            for (int round = 0; round < 6 && itemExists(); round++) {
                ItemState state = state();
                if (List.of("Protected", "FailoverCommitted").contains(state.lifecycleState())
                        && !state.allowedOperations().contains("TestFailoverCleanup")) {
                    return Optional.empty();
                }
                String next = List.of("TestFailoverCleanup", "CancelFailover", "Commit", "DisableProtection").stream()
                        .filter(state.allowedOperations()::contains).findFirst().orElse(null);
                if (next == null) {
                    return Optional.of("stuck in " + state.lifecycleState() + " allowing " + state.allowedOperations());
                }
                trace.add("finish:" + next);
                Job job = record(f.runToEnd(start(next).id()));
                if (job.state() != JobState.Succeeded) {
                    return Optional.of(next + " failed without faults: " + ReprotectFixture.describe(job));
                }
            }
            return itemExists() ? Optional.of("not settled: " + state().lifecycleState()) : Optional.empty();
        }

        private boolean running(String vmId) {
            return f.vms.find(vmId).map(vm -> vm.powerState() == PowerState.RUNNING).orElse(false);
        }

        private boolean readable(ProtectedItem item, RecoveryPoint point) {
            return point.disks().stream().allMatch(d -> {
                BlobUrlParts parts = BlobUrlParts.parse(d.blobUrl());
                return f.blobs.account(item.placement().targetStorageAccount().blobEndpoint())
                        .getBlobContainerClient(parts.getBlobContainerName())
                        .getBlobClient(parts.getBlobName(), parts.getSnapshot()).exists();
            });
        }
    }
}
