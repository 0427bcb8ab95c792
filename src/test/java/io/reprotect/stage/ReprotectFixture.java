package io.reprotect.stage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.PageRangeItem;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.azure.ArmManagers;
import io.reprotect.cloud.azure.ArmSettings;
import io.reprotect.cloud.azure.AzureAvailabilitySets;
import io.reprotect.cloud.azure.AzureManagedDisks;
import io.reprotect.cloud.azure.AzureRegionProbe;
import io.reprotect.cloud.azure.AzureNetworks;
import io.reprotect.cloud.azure.AzureVmCapture;
import io.reprotect.cloud.azure.AzureResourceGroups;
import io.reprotect.cloud.azure.AzureSnapshots;
import io.reprotect.cloud.azure.AzureStorageAccounts;
import io.reprotect.cloud.azure.AzureVirtualMachines;
import io.reprotect.job.BlobJobStore;
import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.TestJobs;
import io.reprotect.local.AzuriteBlobAccounts;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.pipeline.DeadLetterFunctions;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.pipeline.StageFunctionsAccess;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.pipeline.StageRunner;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.replication.CopyChangedRanges;
import io.reprotect.replication.CycleScheduler;
import io.reprotect.replication.PruneRecoveryPoints;
import io.reprotect.replication.ReleaseBaseSnapshots;
import io.reprotect.replication.RemoveProtectedItem;
import io.reprotect.replication.RemoveReplication;
import io.reprotect.replication.ScheduleNextCycle;
import io.reprotect.replication.SnapshotSourceDisks;
import io.reprotect.replication.TakeRecoveryPoint;
import io.reprotect.request.RequestParser;
import io.reprotect.sync.blob.PageBlobSnapshotDiffs;
import io.reprotect.request.ServedSubscriptions;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.blob.PageWriterKind;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The real reprotect stages, wired by hand to the ARM stand-in (seeded with the demo region pair),
 * Azurite, a job store, the in-process queue and the local function host.
 */
final class ReprotectFixture implements AutoCloseable {

    /** A second subscription the stand-in and the app serve; the demo is seeded in the first only. */
    static final String SUBSCRIPTION_B = "00000000-0000-0000-0000-0000000b4e00";

    final InProcessStageQueue queue = new InProcessStageQueue();
    /** The app's clock: the in-process queue's, which tests move forward to deliver scheduled messages. */
    final Clock clock = new Clock() {
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return queue.now();
        }
    };
    /** The job store's container (its name; the client is built below with the meter). */
    private final String jobContainerName = TestJobs.freshContainer("stages").getBlobContainerName();
    /** The bytes {@link #writeSource} writes: seeded, so that a failing run can be replayed. */
    private final java.util.Random sourceWrites = new java.util.Random(11);
    /** Counts every ARM call and Blob service request the app's clients send (cost benchmark). */
    final io.reprotect.cost.CallMeter meter = new io.reprotect.cost.CallMeter(jobContainerName);
    final ArmStandIn arm = ArmStandIn.start(ArmStandIn.Options.defaults()
            .withSubscriptions(List.of(ArmStandIn.DEFAULT_SUBSCRIPTION, SUBSCRIPTION_B)));
    final DemoRegionPair demo = DemoSeed.seed(arm);
    /** On the app's clock, as the stand-in's throttling is: a budget refills in the time the app waits for it. */
    final ArmManagers managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionIds(),
            Duration.ofMillis(20)), clock, List.of(meter));
    final ServedSubscriptions served = new ServedSubscriptions(arm.subscriptionIds(), ArmSettings.SUBSCRIPTIONS_KEY,
            ArmSettings.SUBSCRIPTIONS_APP_SETTING);
    final AzureVirtualMachines vms = new AzureVirtualMachines(managers);
    final AzureManagedDisks disks = new AzureManagedDisks(managers);
    final AzureNetworks networks = new AzureNetworks(managers);
    final AzureVmCapture capture = new AzureVmCapture(managers, networks);
    final AzureStorageAccounts accounts = new AzureStorageAccounts(managers);
    final AzureResourceGroups groups = new AzureResourceGroups(managers);
    final AzureSnapshots snapshots = new AzureSnapshots(managers);
    final io.reprotect.cloud.azure.AzureRestorePoints restorePoints = new io.reprotect.cloud.azure.AzureRestorePoints(managers);
    final AzureAvailabilitySets availabilitySets = new AzureAvailabilitySets(managers);
    final AzuriteBlobAccounts blobs = new AzuriteBlobAccounts(List.of(meter));
    final String replicaContainer = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
    final BlobContainerClient jobContainer = new com.azure.storage.blob.BlobServiceClientBuilder()
            .connectionString(io.reprotect.local.AzuriteLauncher.connectionString("devstoreaccount1")).addPolicy(meter)
            .buildClient().getBlobContainerClient(jobContainerName);
    final CrashingStore store = new CrashingStore(new BlobJobStore(jobContainer));
    final ProtectedItemStore items;
    final io.reprotect.protection.ItemLifecycle lifecycle;
    final io.reprotect.protection.DeferredDeletions deferred;
    final io.reprotect.softdelete.DeletedItemStore deletedItems;
    /** The soft-delete period's configured default; tests may change it (the stored setting overrides it). */
    volatile int retentionDays = 14;
    final io.reprotect.softdelete.RetentionSetting retention;
    io.reprotect.softdelete.SoftDeletes softDeletes;
    io.reprotect.failover.FailoverService failovers;
    /** Replication settings; tests may change them. */
    volatile Duration rpoWarning = Duration.ofMinutes(30);
    volatile Duration rpoCritical = Duration.ofHours(1);
    volatile int maxPruned = 16;
    /** A cycle frequency that replaces the policy's (as reprotect.protection.cycle-frequency-override); null: none. */
    volatile Duration cycleFrequency;
    /** Whether cycles capture with VM restore points (reprotect.protection.restore-points); off: per-disk snapshots. */
    volatile boolean useRestorePoints;
    final ProtectionConfig protection = new ProtectionConfig() {
        public Duration rpoWarning() {
            return rpoWarning;
        }

        public Duration rpoCritical() {
            return rpoCritical;
        }

        public int maxPrunedPerCycle() {
            return maxPruned;
        }

        public Optional<Duration> cycleFrequencyOverride() {
            return Optional.ofNullable(cycleFrequency);
        }

        public boolean restorePoints() {
            return useRestorePoints;
        }
    };
    final StageRunner runner;
    final JobService jobs;
    final LocalFunctionHost host;
    static final Duration WATCHDOG_GRACE = Duration.ofMinutes(15);
    final io.reprotect.watchdog.Watchdog watchdog;

    ReprotectFixture() {
        this(io.reprotect.telemetry.JobTelemetry.disabled());
    }

    /** With {@code telemetry} recording the job service's and the stage runner's spans and metrics. */
    ReprotectFixture(io.reprotect.telemetry.JobTelemetry telemetry) {
        StageConfig stageConfig = new StageConfig() {
            public Duration pollInterval() {
                return Duration.ofMillis(200);
            }

            public Duration diskAccessDuration() {
                return Duration.ofMinutes(30);
            }

            public String replicaContainer() {
                return replicaContainer;
            }
        };
        SyncConfig syncConfig = new SyncConfig() {
            public PageWriterKind writer() {
                return PageWriterKind.LOCAL;
            }

            public int chunkBytes() {
                return 4 << 20;
            }

            public int blockBytes() {
                return 4096;
            }

            public int parallelism() {
                return 2;
            }

            public long sliceBytes() {
                return 256L << 20; // several slices per disk: exercises the checkpoint
            }

            public Duration sliceTime() {
                return Duration.ofMinutes(4);
            }
        };
        StorageConfig storage = new StorageConfig() {
            public Optional<String> blobEndpoint() {
                return Optional.empty();
            }

            public Optional<String> connectionString() {
                return Optional.empty();
            }

            public String jobContainer() {
                return jobContainer.getBlobContainerName();
            }
        };
        items = new ProtectedItemStore(jobContainer.getServiceClient(), storage);
        lifecycle = new io.reprotect.protection.ItemLifecycle(items, store);
        deferred = new io.reprotect.protection.DeferredDeletions(jobContainer.getServiceClient(), storage);
        deletedItems = new io.reprotect.softdelete.DeletedItemStore(jobContainer.getServiceClient(), storage);
        retention = new io.reprotect.softdelete.RetentionSetting(jobContainer.getServiceClient(), storage,
                softDeleteConfig(() -> retentionDays));
        io.reprotect.softdelete.Purging purging = new io.reprotect.softdelete.Purging(deletedItems, clock);
        jobs = new JobService(store, queue, clock, CONFIG, new ReprotectAdmission(items, lifecycle), telemetry,
                List.of(new io.reprotect.failover.LifecycleResumeCheck(lifecycle)));
        CycleScheduler cycles = new CycleScheduler(jobs, protection);
        ReadGrants grants = new ReadGrants(disks, stageConfig);
        ReplicaSlices slices = new ReplicaSlices(grants, blobs, syncConfig);
        List<StageHandler> stages = List.of(
                new ValidatePrerequisites(vms, new PrimaryRegionChecks(groups, accounts, availabilitySets), served,
                        new AzureRegionProbe(managers), new CommittedItems(items, lifecycle, store, vms)),
                new PrepareTarget(groups, accounts, availabilitySets, vms, retention),
                new StopTargetVm(vms, capture, stageConfig),
                new CopySeed(disks, disks, blobs, stageConfig, clock),
                new DeleteTargetVm(vms, stageConfig),
                new ResyncDisks(snapshots, disks, slices, blobs, syncConfig, stageConfig, clock),
                new StartReplication(blobs, clock),
                new MarkProtected(items, cycles, clock, new PreviousProtection(blobs, snapshots, disks, accounts, restorePoints,
                        deletedItems)),
                new SnapshotSourceDisks(items, vms, snapshots,
                        new io.reprotect.replication.ReplicaTargetCheck(accounts, blobs),
                        new io.reprotect.replication.RestorePointCapture(restorePoints), protection, clock),
                new CopyChangedRanges(items, snapshots, restorePoints, grants, blobs, new PageBlobSnapshotDiffs(), slices, syncConfig,
                        clock),
                new TakeRecoveryPoint(items, blobs),
                new ReleaseBaseSnapshots(items, snapshots, restorePoints, disks),
                new PruneRecoveryPoints(items, blobs, protection, clock, store),
                new ScheduleNextCycle(items, cycles, clock),
                new RemoveReplication(purging, new io.reprotect.softdelete.LiveProtections(items), blobs, snapshots,
                        restorePoints, disks, deferred),
                new io.reprotect.softdelete.KeepDeletedData(items, lifecycle, deletedItems, retention, clock),
                new io.reprotect.softdelete.StartPurge(deletedItems, clock),
                new io.reprotect.softdelete.MarkPurged(deletedItems, purging, clock),
                new RemoveProtectedItem(items),
                new io.reprotect.failover.DeallocateSourceVm(vms, stageConfig, lifecycle),
                new io.reprotect.failover.UseFinalRecoveryPoint(items),
                new io.reprotect.failover.InstallFailoverExtensions(new io.reprotect.cloud.azure.AzureVmExtensions(managers)),
                new io.reprotect.failover.RemoveProtectionStorage(items, store, accounts, purging, deletedItems),
                new io.reprotect.failover.CreateFailoverDisks(disks, new io.reprotect.failover.ImportableBlobs(blobs),
                        stageConfig),
                new io.reprotect.failover.AttachFailoverNetwork(networks),
                new io.reprotect.failover.CreateFailoverVm(vms),
                new io.reprotect.failover.StartFailoverVm(vms, stageConfig),
                new io.reprotect.failover.RemoveFailoverResources(vms, networks, disks, lifecycle),
                new io.reprotect.failover.RestartSourceVm(vms, lifecycle),
                new io.reprotect.failover.CheckFailoverVm(vms, lifecycle),
                new io.reprotect.failover.FailoverStateStages.MarkFailedOver(lifecycle),
                new io.reprotect.failover.FailoverStateStages.MarkTestFailoverDone(lifecycle),
                new io.reprotect.failover.FailoverStateStages.MarkTestFailoverCleaned(lifecycle),
                new io.reprotect.failover.FailoverStateStages.MarkFailoverCancelled(lifecycle, items, jobs, cycles, clock),
                new io.reprotect.failover.FailoverStateStages.MarkFailoverCommitted(lifecycle));
        runner = new StageRunner(store, queue, clock, CONFIG, stages, telemetry);
        failovers = new io.reprotect.failover.FailoverService(lifecycle, jobs, store,
                new io.reprotect.failover.DrillNetworkCheck(networks));
        softDeletes = new io.reprotect.softdelete.SoftDeletes(deletedItems, items, vms, cycles, jobs, retention, clock);
        host = new LocalFunctionHost(queue, List.of(StageFunctionsAccess.functions(runner),
                StageFunctionsAccess.deadLetters(jobs)));
        // Azure's incremental-snapshot rate limit counts the app's (virtual) time, which tests move on
        arm.incrementalSnapshotLimits().useClock(clock);
        arm.restorePointLimits().useClock(clock);
        arm.throttling().useClock(clock);
        watchdog = new io.reprotect.watchdog.Watchdog(
                List.of(new io.reprotect.pipeline.StalledJobs(store, queue, CONFIG, WATCHDOG_GRACE),
                        new io.reprotect.softdelete.ExpiredDeletedItems(deletedItems, softDeletes)), clock);
    }

    static final PipelineConfig CONFIG = new PipelineConfig() {
        public int maxRetriesPerStage() {
            return 4;
        }

        public Duration retryBaseDelay() {
            return Duration.ofMillis(500);
        }

        public Duration retryMaxDelay() {
            return Duration.ofSeconds(5);
        }

        public Duration pollInterval() {
            return Duration.ofSeconds(10);
        }
    };

    String request(String vmId, String extra) {
        return "{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \""
                + demo.primaryRegion() + "\"" + extra + "}";
    }

    /** Parses and checks the request as HTTP and intake do, then submits it. */
    Job submit(String json) {
        io.reprotect.request.ReprotectRequest request = new RequestParser().parse(json);
        served.check(request);
        return jobs.submit(UUID.randomUUID().toString(), request);
    }

    Job job(String id) {
        return store.get(id).orElseThrow().value();
    }

    /**
     * Delivers messages until none is left. Scheduled messages are delivered early in queue time,
     * but with a short real pause, since the stand-in's operations finish in real time.
     */
    Job runToEnd(String jobId) {
        return runToEnd(jobId, job -> { });
    }

    /** As {@link #runToEnd(String)}, showing the job to {@code observer} after each delivery. */
    Job runToEnd(String jobId, java.util.function.Consumer<Job> observer) {
        return runToEnd(jobId, observer, 2000);
    }

    /**
     * As {@link #runToEnd(String)}, for at most {@code maxRounds} deliveries or waits: a job that waits out
     * throttling budgets reschedules its stages many times over.
     */
    Job runToEnd(String jobId, java.util.function.Consumer<Job> observer, int maxRounds) {
        for (int round = 0; round < maxRounds; round++) {
            if (host.deliverDue() > 0) {
                observer.accept(job(jobId));
                continue;
            }
            if (job(jobId).state().ended()) {
                return job(jobId); // later scheduled messages (the next replication cycle) are not this job's
            }
            Optional<Instant> next = queue.nextScheduled(host.listenedQueues());
            if (next.isEmpty()) {
                return job(jobId);
            }
            sleep(50);
            Duration wait = Duration.between(queue.now(), next.get());
            queue.advance(wait.isNegative() ? Duration.ZERO : wait.plusMillis(1));
        }
        throw new IllegalStateException("job " + jobId + " did not end in " + maxRounds + " rounds: "
                + describe(job(jobId)));
    }

    /** Protects the demo VM through a whole reprotect job ({@code extra}: more request fields) and returns its item. */
    io.reprotect.protection.ProtectedItem protectDemo(String extra) {
        Job job = runToEnd(submit(request(demo.sourceVmId(), extra)).id());
        org.assertj.core.api.Assertions.assertThat(job.state()).as(describe(job))
                .isEqualTo(io.reprotect.job.JobState.Succeeded);
        return demoItem();
    }

    /** The demo VM's protected item as stored now. */
    io.reprotect.protection.ProtectedItem demoItem() {
        return items.findByVm(demo.sourceVmId()).orElseThrow();
    }

    /** Runs the demo item's next replication cycle, waiting for its scheduled time, and expects it to succeed. */
    Job nextCycle() {
        Job job = runToEnd(demoItem().cycle().nextCycleJobId());
        org.assertj.core.api.Assertions.assertThat(job.state()).as(describe(job))
                .isEqualTo(io.reprotect.job.JobState.Succeeded);
        return job;
    }

    /** Soft-delete settings with the retention {@code days} gives and blob soft delete's default (7 days). */
    static io.reprotect.softdelete.SoftDeleteConfig softDeleteConfig(java.util.function.IntSupplier days) {
        return new io.reprotect.softdelete.SoftDeleteConfig() {
            public int retentionDays() {
                return days.getAsInt();
            }

            public int blobSoftDeleteDays() {
                return 7;
            }
        };
    }

    /** The deleted item a disable or commit job kept (its {@code deletedItemId} output). */
    io.reprotect.softdelete.DeletedItem deletedBy(Job job) {
        return deletedItems.get(job.outputs().get(io.reprotect.softdelete.KeepDeletedData.DELETED_ITEM_ID).asText())
                .orElseThrow();
    }

    /**
     * Moves the clock past the deleted item's expiry, lets the watchdog start its purge, and runs the purge job to
     * its end.
     */
    Job purgeAfterExpiry(io.reprotect.softdelete.DeletedItem record) {
        Duration wait = Duration.between(clock.instant(), record.expiresAt()).plusMinutes(1);
        if (!wait.isNegative()) {
            queue.advance(wait);
        }
        watchdog.run();
        return runToEnd(io.reprotect.softdelete.SoftDeletes.purgeJobId(record));
    }

    /** Writes random bytes into a source disk of the demo VM, as the running VM would. */
    void writeSource(int disk, long offset, int bytes) {
        byte[] data = new byte[bytes];
        sourceWrites.nextBytes(data);
        arm.blobOf(demo.sourceDiskIds().get(disk)).uploadPages(
                new com.azure.storage.blob.models.PageRange().setStart(offset).setEnd(offset + bytes - 1),
                new java.io.ByteArrayInputStream(data));
    }

    /** Each replica of the demo item holds exactly its source disk's bytes. */
    void assertReplicasEqualTheSourceDisks() {
        for (Outputs.Replica replica : demoItem().replicas()) {
            org.assertj.core.api.Assertions.assertThat(image(replicaBlob(replica.blobName())))
                    .as("replica of " + replica.sourceDiskId()).isEqualTo(image(arm.blobOf(replica.sourceDiskId())));
        }
    }

    PageBlobClient replicaBlob(String blobName) {
        return blobs.account(io.reprotect.local.AzuriteLauncher.accountEndpoint("primaryregion")).getBlobContainerClient(replicaContainer)
                .getBlobClient(blobName).getPageBlobClient();
    }

    /**
     * The blob's size, allocated ranges (adjacent ranges merged: services split them differently)
     * and a hash of the bytes in each.
     */
    static String image(PageBlobClient blob) {
        List<long[]> ranges = new java.util.ArrayList<>();
        for (PageRangeItem item : blob.listPageRanges(new com.azure.storage.blob.models.BlobRange(0))) {
            long start = item.getRange().getOffset();
            long end = start + item.getRange().getLength();
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == start) {
                ranges.get(ranges.size() - 1)[1] = end;
            } else {
                ranges.add(new long[] {start, end});
            }
        }
        StringBuilder image = new StringBuilder("size=" + blob.getProperties().getBlobSize());
        for (long[] range : ranges) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            blob.downloadStreamWithResponse(bytes, new com.azure.storage.blob.models.BlobRange(range[0],
                    range[1] - range[0]), null, null, false, null, null);
            image.append(" [").append(range[0]).append('+').append(range[1] - range[0]).append(':')
                    .append(java.util.Arrays.hashCode(bytes.toByteArray())).append(']');
        }
        return image.toString();
    }

    /** The job's state and every task error, for assertion messages. */
    static String describe(Job job) {
        StringBuilder text = new StringBuilder(job.state().toString());
        job.tasks().forEach(t -> t.errors().forEach(e -> text.append("; ").append(t.name()).append(": ")
                .append(e.code()).append(" ").append(e.message())));
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails the first save of a job that matches {@code when}, as a crash before the save would. */
    void crashOnceWhen(java.util.function.Predicate<Job> when) {
        store.crashWhen = when;
    }

    /** A job store whose next matching save throws, once. */
    static final class CrashingStore implements JobStore {
        private final JobStore delegate;
        volatile java.util.function.Predicate<Job> crashWhen = job -> false;

        CrashingStore(JobStore delegate) {
            this.delegate = delegate;
        }

        public io.reprotect.job.Versioned<Job> create(Job job) {
            return delegate.create(job);
        }

        public Optional<io.reprotect.job.Versioned<Job>> get(String jobId) {
            return delegate.get(jobId);
        }

        public io.reprotect.job.Versioned<Job> update(Job job, String etag) {
            if (crashWhen.test(job)) {
                crashWhen = j -> false;
                throw new IllegalStateException("injected crash before save");
            }
            return delegate.update(job, etag);
        }

        public void reclaimVm(Job job) {
            delegate.reclaimVm(job);
        }

        public Optional<String> vmHolder(String vmId) {
            return delegate.vmHolder(vmId);
        }

        public io.reprotect.job.Versioned<Job> createSuccessor(Job job, String predecessorJobId) {
            return delegate.createSuccessor(job, predecessorJobId);
        }

        public java.util.List<String> claimingJobIds() {
            return delegate.claimingJobIds();
        }

        public void releaseVm(Job job) {
            delegate.releaseVm(job);
        }
    }

    @Override
    public void close() {
        arm.close();
        jobContainer.deleteIfExists();
    }
}
