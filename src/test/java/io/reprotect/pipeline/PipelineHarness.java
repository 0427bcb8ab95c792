package io.reprotect.pipeline;

import io.reprotect.job.BlobJobStore;
import io.reprotect.job.Job;
import io.reprotect.job.JobStore;
import io.reprotect.job.TestJobs;
import io.reprotect.job.Versioned;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.watchdog.Watchdog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The pipeline wired by hand: Azurite job store, in-process queue, local function host, and fake
 * stages that count their runs and their side effects. Faults can be injected into saves and sends.
 */
public class PipelineHarness {

    public final InProcessStageQueue queue = new InProcessStageQueue();
    public final JobStore store;
    public final StageRunner runner;
    public final JobService jobs;
    public final LocalFunctionHost host;
    public final StalledJobs stalledJobs;
    public final Watchdog watchdog;
    public static final Duration GRACE = Duration.ofMinutes(15);
    /** Reads of job records, to see what a watchdog tick costs. */
    public final AtomicInteger jobReads = new AtomicInteger();
    public final Map<String, FakeStage> stages = new java.util.LinkedHashMap<>();
    /** Saves still to fail, as a crash after the stage's side effect and before the save. */
    public final AtomicInteger failSaves = new AtomicInteger();
    /** Which saves {@link #failSaves} applies to. */
    public volatile java.util.function.Predicate<Job> crashOnSave = job -> true;
    /** Sends still to fail, as a crash after the save and before the send. */
    public final AtomicInteger failSends = new AtomicInteger();

    public static final PipelineConfig CONFIG = new PipelineConfig() {
        public int maxRetriesPerStage() {
            return 3;
        }

        public Duration retryBaseDelay() {
            return Duration.ofSeconds(10);
        }

        public Duration retryMaxDelay() {
            return Duration.ofMinutes(10);
        }

        public Duration pollInterval() {
            return Duration.ofSeconds(10);
        }
    };

    public PipelineHarness() {
        JobStore blobs = new BlobJobStore(TestJobs.freshContainer("pipeline"));
        this.store = new FaultyStore(blobs);
        StageQueue sender = message -> {
            if (failSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected crash before send");
            }
            queue.send(message);
        };
        for (String stage : Workflows.stageNames()) {
            stages.put(stage, new FakeStage(stage));
        }
        Clock clock = Clock.systemUTC();
        this.runner = new StageRunner(store, sender, clock, CONFIG, new ArrayList<StageHandler>(stages.values()));
        this.jobs = new JobService(store, sender, clock, CONFIG);
        StageFunctions stageFunctions = new StageFunctions();
        stageFunctions.runner = runner;
        DeadLetterFunctions deadLetterFunctions = new DeadLetterFunctions();
        deadLetterFunctions.deadLetters = new DeadLetterHandler(jobs);
        this.host = new LocalFunctionHost(queue, List.of(stageFunctions, deadLetterFunctions));
        this.stalledJobs = new StalledJobs(store, sender, CONFIG, GRACE);
        this.watchdog = new Watchdog(List.of(stalledJobs), clock);
    }

    /** The fake stages of the reprotect workflow, in order. */
    public List<FakeStage> reprotectStages() {
        return Workflows.REPROTECT.stages().stream().map(s -> stages.get(s.name())).toList();
    }

    public Job submit(String vmName) {
        return jobs.submit(TestJobs.spec(java.util.UUID.randomUUID().toString(), TestJobs.request(vmName)));
    }

    public Job job(String id) {
        return store.get(id).orElseThrow().value();
    }

    public void runUntilIdle() {
        host.runUntilIdle(500);
    }

    public FakeStage stage(String stage) {
        return stages.get(stage);
    }

    /** A stage that creates one resource per job, idempotently, and can be scripted. */
    public static final class FakeStage implements StageHandler {
        final String stage;
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger sideEffects = new AtomicInteger();
        final List<String> created = new ArrayList<>();
        volatile Function<StageContext, Outcome> script = c -> Outcome.next();

        FakeStage(String stage) {
            this.stage = stage;
        }

        @Override
        public String stage() {
            return stage;
        }

        @Override
        public Outcome execute(StageContext context) {
            runs.incrementAndGet();
            synchronized (created) {
                if (!created.contains(context.job().id())) {
                    created.add(context.job().id());
                    sideEffects.incrementAndGet();
                }
            }
            return script.apply(context);
        }
    }

    private final class FaultyStore implements JobStore {
        private final JobStore delegate;

        FaultyStore(JobStore delegate) {
            this.delegate = delegate;
        }

        public Versioned<Job> create(Job job) {
            return delegate.create(job);
        }

        public Optional<Versioned<Job>> get(String jobId) {
            jobReads.incrementAndGet();
            return delegate.get(jobId);
        }

        public Versioned<Job> update(Job job, String etag) {
            if (crashOnSave.test(job) && failSaves.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
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

        public java.util.List<String> claimingJobIds() {
            return delegate.claimingJobIds();
        }

        public void releaseVm(Job job) {
            delegate.releaseVm(job);
        }
    }
}
