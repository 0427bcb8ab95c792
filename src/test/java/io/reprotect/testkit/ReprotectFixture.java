package io.reprotect.testkit;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.PageRangeItem;
import com.azure.storage.blob.specialized.PageBlobClient;
import io.reprotect.cloud.azure.ArmManagers;
import io.reprotect.cloud.azure.ArmSettings;
import io.reprotect.cloud.azure.AzureAvailabilitySets;
import io.reprotect.cloud.azure.AzureManagedDisks;
import io.reprotect.cloud.azure.AzureNetworks;
import io.reprotect.cloud.azure.AzurePageBlobs;
import io.reprotect.cloud.azure.AzureRegionProbe;
import io.reprotect.cloud.azure.AzureResourceGroups;
import io.reprotect.cloud.azure.AzureRestorePoints;
import io.reprotect.cloud.azure.AzureSnapshots;
import io.reprotect.cloud.azure.AzureStorageAccounts;
import io.reprotect.cloud.azure.AzureVirtualMachines;
import io.reprotect.cloud.azure.AzureVmCapture;
import io.reprotect.cloud.azure.AzureVmExtensions;
import io.reprotect.cost.CallMeter;
import io.reprotect.failover.AttachFailoverNetwork;
import io.reprotect.failover.CheckFailoverVm;
import io.reprotect.failover.CreateFailoverDisks;
import io.reprotect.failover.CreateFailoverVm;
import io.reprotect.failover.DeallocateSourceVm;
import io.reprotect.failover.DrillNetworkCheck;
import io.reprotect.failover.FailoverService;
import io.reprotect.failover.FailoverStateStages;
import io.reprotect.failover.ImportableBlobs;
import io.reprotect.failover.InstallFailoverExtensions;
import io.reprotect.failover.LifecycleResumeCheck;
import io.reprotect.failover.RemoveFailoverResources;
import io.reprotect.failover.RestartSourceVm;
import io.reprotect.failover.StartFailoverVm;
import io.reprotect.failover.UseFinalRecoveryPoint;
import io.reprotect.job.BlobJobStore;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.StorageConfig;
import io.reprotect.job.TestJobs;
import io.reprotect.job.Versioned;
import io.reprotect.local.AzuriteBlobAccounts;
import io.reprotect.local.AzuriteLauncher;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.DemoRegionPair;
import io.reprotect.local.arm.DemoSeed;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.PipelineConfig;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.pipeline.StageFunctionsAccess;
import io.reprotect.pipeline.StageHandler;
import io.reprotect.pipeline.StageRunner;
import io.reprotect.pipeline.StalledJobs;
import io.reprotect.plan.CheckPlanItems;
import io.reprotect.plan.PlanActions;
import io.reprotect.plan.PlanService;
import io.reprotect.plan.RecoveryPlanStore;
import io.reprotect.plan.RunPlanGroups;
import io.reprotect.plan.ServiceItemJobs;
import io.reprotect.protection.DeferredDeletions;
import io.reprotect.protection.DeletedItem;
import io.reprotect.protection.DeletedItemStore;
import io.reprotect.protection.ItemLifecycle;
import io.reprotect.protection.LifecycleJobs;
import io.reprotect.protection.Outputs;
import io.reprotect.protection.ProtectedItem;
import io.reprotect.protection.ProtectedItemStore;
import io.reprotect.protection.ProtectionConfig;
import io.reprotect.protection.RetentionSetting;
import io.reprotect.protection.SoftDeleteConfig;
import io.reprotect.replication.CopyChangedRanges;
import io.reprotect.replication.CycleScheduler;
import io.reprotect.replication.CycleShards;
import io.reprotect.replication.CycleTick;
import io.reprotect.replication.CycleTickFunction;
import io.reprotect.replication.CycleTicks;
import io.reprotect.replication.CyclesConfig;
import io.reprotect.replication.FleetCycle;
import io.reprotect.replication.FleetTurnWait;
import io.reprotect.replication.KeepDeletedData;
import io.reprotect.replication.LiveProtections;
import io.reprotect.replication.ProtectionService;
import io.reprotect.replication.PruneRecoveryPoints;
import io.reprotect.replication.Purging;
import io.reprotect.replication.ReadGrants;
import io.reprotect.replication.ReleaseBaseSnapshots;
import io.reprotect.replication.RemoveProtectedItem;
import io.reprotect.replication.RemoveReplication;
import io.reprotect.replication.ReplicaSlices;
import io.reprotect.replication.ReplicaTargetCheck;
import io.reprotect.replication.RestorePointCapture;
import io.reprotect.replication.ScheduleNextCycle;
import io.reprotect.replication.SnapshotSourceDisks;
import io.reprotect.replication.TakeRecoveryPoint;
import io.reprotect.reprotect.CommittedItems;
import io.reprotect.reprotect.CopySeed;
import io.reprotect.reprotect.DeleteTargetVm;
import io.reprotect.reprotect.MarkProtected;
import io.reprotect.reprotect.PrepareTarget;
import io.reprotect.reprotect.PreviousProtection;
import io.reprotect.reprotect.PrimaryRegionChecks;
import io.reprotect.reprotect.ReprotectService;
import io.reprotect.reprotect.ResyncDisks;
import io.reprotect.reprotect.StartReplication;
import io.reprotect.reprotect.StopTargetVm;
import io.reprotect.reprotect.ValidatePrerequisites;
import io.reprotect.request.ReprotectRequest;
import io.reprotect.request.RequestParser;
import io.reprotect.request.ServedSubscriptions;
import io.reprotect.softdelete.ExpiredDeletedItems;
import io.reprotect.softdelete.MarkPurged;
import io.reprotect.softdelete.RemoveProtectionStorage;
import io.reprotect.softdelete.SoftDeletes;
import io.reprotect.softdelete.StartPurge;
import io.reprotect.sync.SyncConfig;
import io.reprotect.sync.blob.BlobSyncEngines;
import io.reprotect.sync.blob.PageBlobSnapshotDiffs;
import io.reprotect.sync.blob.PageWriterKind;
import io.reprotect.telemetry.JobTelemetry;
import io.reprotect.watchdog.Watchdog;
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
public final class ReprotectFixture implements AutoCloseable {

    /** A second subscription the stand-in and the app serve; the demo is seeded in the first only. */
    public static final String SUBSCRIPTION_B = "00000000-0000-0000-0000-0000000b4e00";

    public final InProcessStageQueue queue = new InProcessStageQueue();
    /** The app's clock: the in-process queue's, which tests move forward to deliver scheduled messages. */
    public final Clock clock = new Clock() {
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
    public final CallMeter meter = new CallMeter(jobContainerName);
    public final ArmStandIn arm = ArmStandIn.start(ArmStandIn.Options.defaults()
            .withSubscriptions(List.of(ArmStandIn.DEFAULT_SUBSCRIPTION, SUBSCRIPTION_B)));
    public final DemoRegionPair demo = DemoSeed.seed(arm);
    /** On the app's clock, as the stand-in's throttling is: a budget refills in the time the app waits for it. */
    public final ArmManagers managers = ArmManagers.connect(ArmSettings.local(arm.endpoint(), arm.subscriptionIds(),
            Duration.ofMillis(20)), clock, List.of(meter));
    public final ServedSubscriptions served = new ServedSubscriptions(arm.subscriptionIds(), ArmSettings.SUBSCRIPTIONS_KEY,
            ArmSettings.SUBSCRIPTIONS_APP_SETTING);
    public final AzureVirtualMachines vms = new AzureVirtualMachines(managers);
    public final AzureManagedDisks disks = new AzureManagedDisks(managers);
    public final AzureNetworks networks = new AzureNetworks(managers);
    public final AzureVmCapture capture = new AzureVmCapture(managers, networks);
    public final AzureStorageAccounts accounts = new AzureStorageAccounts(managers);
    public final AzureResourceGroups groups = new AzureResourceGroups(managers);
    public final AzureSnapshots snapshots = new AzureSnapshots(managers);
    public final AzureRestorePoints restorePoints = new AzureRestorePoints(managers);
    public final AzureAvailabilitySets availabilitySets = new AzureAvailabilitySets(managers);
    public final AzuriteBlobAccounts blobs = new AzuriteBlobAccounts(List.of(meter));
    public final AzurePageBlobs pageBlobs = new AzurePageBlobs(blobs);
    public final BlobSyncEngines syncEngines = new BlobSyncEngines(blobs);
    public final String replicaContainer = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
    public final BlobContainerClient jobContainer = new com.azure.storage.blob.BlobServiceClientBuilder()
            .connectionString(AzuriteLauncher.connectionString("devstoreaccount1")).addPolicy(meter)
            .buildClient().getBlobContainerClient(jobContainerName);
    public final CrashingStore store = new CrashingStore(new BlobJobStore(jobContainer));
    public final ProtectedItemStore items;
    public final ItemLifecycle lifecycle;
    public final DeferredDeletions deferred;
    public final DeletedItemStore deletedItems;
    /** The soft-delete period's configured default; tests may change it (the stored setting overrides it). */
    public volatile int retentionDays = 14;
    public final RetentionSetting retention;
    public SoftDeletes softDeletes;
    public FailoverService failovers;
    public ProtectionService protections;
    /** Replication settings; tests may change them. */
    public volatile Duration rpoWarning = Duration.ofMinutes(30);
    public volatile Duration rpoCritical = Duration.ofHours(1);
    public volatile int maxPruned = 16;
    /** A cycle frequency that replaces the policy's (as reprotect.protection.cycle-frequency-override); null: none. */
    public volatile Duration cycleFrequency;
    /** Whether cycles capture with VM restore points (reprotect.protection.restore-points); off: per-disk snapshots. */
    public volatile boolean useRestorePoints;
    public final ProtectionConfig protection = new ProtectionConfig() {
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
    /** Recovery plans: where they are stored, the service that starts plan jobs, the items' jobs they start. */
    public final RecoveryPlanStore plans;
    public final PlanService planService;
    public final ServiceItemJobs planItemJobs;
    /** The actions plan jobs run; tests put a fake here. */
    public volatile PlanActions planActions = new NoPlanActions();
    /** Item jobs of one plan group running at once. */
    public static final int PLAN_PARALLELISM = 2;
    /** Fleet cycle settings (reprotect.cycles.*); tests may change them. */
    public volatile int itemsPerShard = 200;
    public volatile int parallelItems = 4;
    public volatile Duration tickBudget = Duration.ofMinutes(4);
    public volatile Duration tickInterval = Duration.ofSeconds(15);
    public final CyclesConfig cyclesConfig = new CyclesConfig() {
        public int itemsPerShard() {
            return itemsPerShard;
        }

        public int parallelItems() {
            return parallelItems;
        }

        public Duration tickBudget() {
            return tickBudget;
        }

        public Duration tickInterval() {
            return tickInterval;
        }
    };
    public final CycleShards shards;
    public final CycleScheduler cycles;
    public final FleetCycle fleet;
    public final CycleTick ticks;
    public final StageRunner runner;
    public final JobService jobs;
    public final ReprotectService reprotects;
    public final LocalFunctionHost host;
    public static final Duration WATCHDOG_GRACE = Duration.ofMinutes(15);
    public final Watchdog watchdog;

    public ReprotectFixture() {
        this(JobTelemetry.disabled());
    }

    /** With {@code telemetry} recording the job service's and the stage runner's spans and metrics. */
    public ReprotectFixture(JobTelemetry telemetry) {
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

            public int writesInFlight() {
                return 4;
            }

            public long bridgedGapBytes() {
                return 0; // the demo disks are sparse: keep replicas allocated exactly as their sources
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
        lifecycle = new ItemLifecycle(items, store);
        deferred = new DeferredDeletions(jobContainer.getServiceClient(), storage);
        deletedItems = new DeletedItemStore(jobContainer.getServiceClient(), storage);
        retention = new RetentionSetting(jobContainer.getServiceClient(), storage,
                softDeleteConfig(() -> retentionDays));
        Purging purging = new Purging(deletedItems, clock);
        jobs = new JobService(store, queue, clock, CONFIG, telemetry,
                List.of(new LifecycleResumeCheck(lifecycle)));
        reprotects = new ReprotectService(items, lifecycle, jobs);
        shards = new CycleShards(jobContainer.getServiceClient(), storage, cyclesConfig);
        cycles = new CycleScheduler(protection, shards, new CycleTicks(queue, cyclesConfig, clock));
        ReadGrants grants = new ReadGrants(disks, stageConfig);
        ReplicaSlices slices = new ReplicaSlices(grants, pageBlobs, syncEngines, syncConfig);
        List<StageHandler> stages = List.of(
                new ValidatePrerequisites(vms, new PrimaryRegionChecks(groups, accounts, availabilitySets), served,
                        new AzureRegionProbe(managers), new CommittedItems(items, lifecycle, store, vms)),
                new PrepareTarget(groups, accounts, availabilitySets, vms, retention),
                new StopTargetVm(vms, capture, stageConfig),
                new CopySeed(disks, disks, pageBlobs, stageConfig, clock),
                new DeleteTargetVm(vms, stageConfig),
                new ResyncDisks(snapshots, disks, slices, syncConfig, stageConfig, clock),
                new StartReplication(pageBlobs, clock),
                new MarkProtected(items, cycles, clock, new PreviousProtection(pageBlobs, snapshots, disks, accounts, restorePoints,
                        deletedItems)),
                new SnapshotSourceDisks(items, vms, snapshots,
                        new ReplicaTargetCheck(accounts, pageBlobs),
                        new RestorePointCapture(restorePoints), protection, clock),
                new CopyChangedRanges(items, snapshots, restorePoints, grants, syncEngines, new PageBlobSnapshotDiffs(), slices, syncConfig,
                        clock),
                new TakeRecoveryPoint(items, pageBlobs),
                new ReleaseBaseSnapshots(items, snapshots, restorePoints, disks),
                new PruneRecoveryPoints(items, pageBlobs, protection, clock, store),
                new ScheduleNextCycle(items, cycles, clock),
                new RemoveReplication(purging, new LiveProtections(items), pageBlobs, snapshots,
                        restorePoints, disks, deferred),
                new KeepDeletedData(items, lifecycle, deletedItems, retention, clock),
                new StartPurge(deletedItems, clock),
                new MarkPurged(deletedItems, purging, clock),
                new RemoveProtectedItem(items),
                new DeallocateSourceVm(vms, stageConfig, lifecycle),
                new UseFinalRecoveryPoint(items),
                new InstallFailoverExtensions(new AzureVmExtensions(managers)),
                new RemoveProtectionStorage(items, store, accounts, purging, deletedItems),
                new CreateFailoverDisks(disks, new ImportableBlobs(pageBlobs),
                        stageConfig),
                new AttachFailoverNetwork(networks),
                new CreateFailoverVm(vms),
                new StartFailoverVm(vms, stageConfig),
                new RemoveFailoverResources(vms, networks, disks, disks, lifecycle),
                new RestartSourceVm(vms, lifecycle),
                new CheckFailoverVm(vms, lifecycle),
                new FailoverStateStages.MarkFailedOver(lifecycle),
                new FailoverStateStages.MarkTestFailoverDone(lifecycle),
                new FailoverStateStages.MarkTestFailoverCleaned(lifecycle),
                new FailoverStateStages.MarkFailoverCancelled(lifecycle, items, jobs, cycles, clock),
                new FailoverStateStages.MarkFailoverCommitted(lifecycle));
        LifecycleJobs lifecycleJobs = new LifecycleJobs(lifecycle, jobs, store);
        failovers = new FailoverService(lifecycle, jobs, store, new DrillNetworkCheck(networks), lifecycleJobs);
        planItemJobs = new ServiceItemJobs(failovers, reprotects, lifecycle, store,
                () -> { throw new UnsupportedOperationException("the fixture has no single-item what-ifs"); });
        plans = new RecoveryPlanStore(jobContainer);
        planService = new PlanService(plans, planItemJobs, jobs);
        stages = new java.util.ArrayList<>(stages);
        stages.add(new CheckPlanItems(planItemJobs));
        stages.add(new RunPlanGroups(planItemJobs, new DelegatingPlanActions(() -> planActions), PLAN_PARALLELISM,
                Duration.ofSeconds(15)));
        runner = new StageRunner(store, queue, clock, CONFIG, stages, telemetry,
                List.of(new FleetTurnWait(items, clock)));
        fleet = new FleetCycle(items, store, stages, CONFIG, clock, telemetry);
        ticks = new CycleTick(shards, new CycleTicks(queue, cyclesConfig, clock), items, fleet, cyclesConfig, clock);
        protections = new ProtectionService(lifecycle, lifecycleJobs);
        softDeletes = new SoftDeletes(deletedItems, items, vms, cycles, jobs, retention, clock);
        host = new LocalFunctionHost(queue, List.of(StageFunctionsAccess.functions(runner),
                StageFunctionsAccess.deadLetters(jobs), CycleTickFunction.of(ticks)));
        meter.countExecutionsWith(host::executions); // tells operations awaited in-process from ones checked later
        // Azure's incremental-snapshot rate limit counts the app's (virtual) time, which tests move on
        arm.incrementalSnapshotLimits().useClock(clock);
        arm.restorePointLimits().useClock(clock);
        arm.throttling().useClock(clock);
        watchdog = new Watchdog(
                List.of(new StalledJobs(store, queue, CONFIG, WATCHDOG_GRACE),
                        new ExpiredDeletedItems(deletedItems, softDeletes)), clock);
    }

    public static final PipelineConfig CONFIG = new PipelineConfig() {
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

    public String request(String vmId, String extra) {
        return "{\"vmId\": \"" + vmId + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \""
                + demo.primaryRegion() + "\"" + extra + "}";
    }

    /** Parses and checks the request as HTTP and intake do, then submits it. */
    public Job submit(String json) {
        ReprotectRequest request = new RequestParser().parse(json);
        served.check(request);
        return reprotects.submit(UUID.randomUUID().toString(), request);
    }

    public Job job(String id) {
        return store.get(id).orElseThrow().value();
    }

    /**
     * Delivers messages until none is left. Scheduled messages are delivered early in queue time,
     * but with a short real pause, since the stand-in's operations finish in real time.
     */
    public Job runToEnd(String jobId) {
        return runToEnd(jobId, job -> { });
    }

    /** As {@link #runToEnd(String)}, showing the job to {@code observer} after each delivery. */
    public Job runToEnd(String jobId, java.util.function.Consumer<Job> observer) {
        return runToEnd(jobId, observer, 2000);
    }

    /**
     * As {@link #runToEnd(String)}, for at most {@code maxRounds} deliveries or waits: a job that waits out
     * throttling budgets reschedules its stages many times over.
     */
    public Job runToEnd(String jobId, java.util.function.Consumer<Job> observer, int maxRounds) {
        for (int round = 0; round < maxRounds; round++) {
            if (host.deliverDue() > 0) {
                store.get(jobId).map(Versioned::value).ifPresent(observer);
                continue;
            }
            // a fleet cycle's job record is written when the cycle ends: until then there is none
            if (store.get(jobId).map(v -> v.value().state().ended()).orElse(false)) {
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
    public ProtectedItem protectDemo(String extra) {
        Job job = runToEnd(submit(request(demo.sourceVmId(), extra)).id());
        org.assertj.core.api.Assertions.assertThat(job.state()).as(describe(job))
                .isEqualTo(JobState.Succeeded);
        return demoItem();
    }

    /** The demo VM's protected item as stored now. */
    public ProtectedItem demoItem() {
        return items.findByVm(demo.sourceVmId()).orElseThrow();
    }

    /** Runs the demo item's next replication cycle, waiting for its scheduled time, and expects it to succeed. */
    public Job nextCycle() {
        Job job = runToEnd(demoItem().cycle().nextCycleJobId());
        org.assertj.core.api.Assertions.assertThat(job.state()).as(describe(job))
                .isEqualTo(JobState.Succeeded);
        return job;
    }

    /** Soft-delete settings with the retention {@code days} gives and blob soft delete's default (7 days). */
    public static SoftDeleteConfig softDeleteConfig(java.util.function.IntSupplier days) {
        return new SoftDeleteConfig() {
            public int retentionDays() {
                return days.getAsInt();
            }

            public int blobSoftDeleteDays() {
                return 7;
            }
        };
    }

    /** The deleted item a disable or commit job kept (its {@code deletedItemId} output). */
    public DeletedItem deletedBy(Job job) {
        return deletedItems.get(job.outputs().get(KeepDeletedData.DELETED_ITEM_ID.name()).asText())
                .orElseThrow();
    }

    /**
     * Moves the clock past the deleted item's expiry, lets the watchdog start its purge, and runs the purge job to
     * its end.
     */
    public Job purgeAfterExpiry(DeletedItem record) {
        Duration wait = Duration.between(clock.instant(), record.expiresAt()).plusMinutes(1);
        if (!wait.isNegative()) {
            queue.advance(wait);
        }
        watchdog.run();
        return runToEnd(SoftDeletes.purgeJobId(record));
    }

    /** Writes random bytes into a source disk of the demo VM, as the running VM would. */
    public void writeSource(int disk, long offset, int bytes) {
        byte[] data = new byte[bytes];
        sourceWrites.nextBytes(data);
        arm.blobOf(demo.sourceDiskIds().get(disk)).uploadPages(
                new com.azure.storage.blob.models.PageRange().setStart(offset).setEnd(offset + bytes - 1),
                new java.io.ByteArrayInputStream(data));
    }

    /** Each replica of the demo item holds exactly its source disk's bytes. */
    public void assertReplicasEqualTheSourceDisks() {
        for (Outputs.Replica replica : demoItem().replicaSet().replicas()) {
            org.assertj.core.api.Assertions.assertThat(image(replicaBlob(replica.blobName())))
                    .as("replica of " + replica.sourceDiskId()).isEqualTo(image(arm.blobOf(replica.sourceDiskId())));
        }
    }

    public PageBlobClient replicaBlob(String blobName) {
        return blobs.account(AzuriteLauncher.accountEndpoint("primaryregion")).getBlobContainerClient(replicaContainer)
                .getBlobClient(blobName).getPageBlobClient();
    }

    /**
     * The blob's size, allocated ranges (adjacent ranges merged: services split them differently)
     * and a hash of the bytes in each.
     */
    public static String image(PageBlobClient blob) {
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
    public static String describe(Job job) {
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
    public void crashOnceWhen(java.util.function.Predicate<Job> when) {
        store.crashWhen = when;
    }

    /** A job store whose next matching save throws, once. */
    public static final class CrashingStore implements JobStore {
        private final JobStore delegate;
        volatile java.util.function.Predicate<Job> crashWhen = job -> false;

        CrashingStore(JobStore delegate) {
            this.delegate = delegate;
        }

        public Versioned<Job> create(Job job) {
            return delegate.create(job);
        }

        public Optional<Versioned<Job>> get(String jobId) {
            return delegate.get(jobId);
        }

        public Versioned<Job> update(Job job, String etag) {
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

        public Versioned<Job> createSuccessor(Job job, String predecessorJobId) {
            return delegate.createSuccessor(job, predecessorJobId);
        }

        public Versioned<Job> createEnded(Job job) {
            return delegate.createEnded(job);
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
