package io.reprotect.local.arm;

import com.azure.storage.blob.models.PageRange;
import com.azure.storage.blob.specialized.PageBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo VM at work: every {@code interval} it writes {@code bytesPerWrite} bytes at a random
 * place of each of its disks, and every fifth time trims (clears) a block it wrote earlier, through
 * {@link ArmStandIn#blobOf} so that incremental snapshots' diffs see it. With replication running,
 * this is what each cycle moves, so recovery points keep coming and RPO stays small. The VM at work is
 * the demo's app01 that runs: the failed-over one in the secondary region while it runs, else the one in
 * the primary region (after a failback), as a round trip moves it; nothing is written while neither runs.
 * Dev only ({@code reprotect.local.demo-workload.enabled}).
 */
public final class DemoWorkload implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DemoWorkload.class.getName());
    private static final int PAGE = 512;
    /** Writes land in the first part of each disk, like a busy file system's hot region. */
    private static final long HOT_BYTES = 256L << 20;
    private static final int TRIM_EVERY = 5;

    private final ArmStandIn arm;
    /** The VMs that may be at work, the first running one writes. */
    private final List<String> vmIds;
    private final int bytesPerWrite;
    private final Random random = new Random(2026);
    private final Deque<long[]> written = new ArrayDeque<>();
    private final AtomicLong writes = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-workload");
        t.setDaemon(true);
        return t;
    });

    private DemoWorkload(ArmStandIn arm, List<String> vmIds, int bytesPerWrite) {
        this.arm = arm;
        this.vmIds = List.copyOf(vmIds);
        this.bytesPerWrite = Math.max(PAGE, bytesPerWrite / PAGE * PAGE);
    }

    /** Starts writing to the disks of the failed-over VM of demo. */
    public static DemoWorkload start(ArmStandIn arm, DemoRegionPair demo, Duration interval, int bytesPerWrite) {
        DemoWorkload workload = new DemoWorkload(arm, List.of(demo.sourceVmId(), demo.targetVmId()), bytesPerWrite);
        workload.timer.scheduleWithFixedDelay(workload::tick, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return workload;
    }

    /** Writes (and trims) issued so far, for a person watching the demo. */
    public long writes() {
        return writes.get();
    }

    private void tick() {
        try {
            List<PageBlobClient> disks = runningVmDisks();
            for (int disk = 0; disk < disks.size(); disk++) {
                PageBlobClient blob = disks.get(disk);
                long offset = (long) random.nextInt((int) ((HOT_BYTES - bytesPerWrite) / PAGE)) * PAGE;
                byte[] bytes = new byte[bytesPerWrite];
                random.nextBytes(bytes);
                blob.uploadPages(new PageRange().setStart(offset).setEnd(offset + bytesPerWrite - 1),
                        new ByteArrayInputStream(bytes));
                written.addLast(new long[] {disk, offset});
                if (writes.incrementAndGet() % TRIM_EVERY == 0 && written.size() > 1) {
                    long[] old = written.removeFirst();
                    if (old[0] >= disks.size()) {
                        continue;
                    }
                    disks.get((int) old[0]).clearPages(new PageRange().setStart(old[1]).setEnd(old[1] + PAGE * 8 - 1));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "demo workload write failed; trying again next time", e);
        }
    }

    /** The disks of the first VM of {@link #vmIds} that runs, OS disk first; none when no VM runs. */
    private List<PageBlobClient> runningVmDisks() {
        for (String vmId : vmIds) {
            JsonNode vm = arm.resource(vmId);
            if (vm instanceof ObjectNode node && "running".equals(VmStates.powerState(node))) {
                List<PageBlobClient> disks = new ArrayList<>();
                JsonNode storage = vm.at("/properties/storageProfile");
                disks.add(arm.blobOf(storage.at("/osDisk/managedDisk/id").asText()));
                storage.path("dataDisks").forEach(d -> disks.add(arm.blobOf(d.at("/managedDisk/id").asText())));
                return disks;
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
