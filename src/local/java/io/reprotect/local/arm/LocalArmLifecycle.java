package io.reprotect.local.arm;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reprotect.local.AzuriteLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the ARM stand-in inside the app in local mode, only when {@code reprotect.local.arm.port} is set:
 *
 * <pre>
 * ./mvnw -Plocal quarkus:dev -Dreprotect.local.arm.port=8089 \
 *     -Dreprotect.arm.endpoint=http://127.0.0.1:8089/ -Dreprotect.arm.lro-poll-interval=PT0.2S \
 *     -Dreprotect.arm.subscription-ids=00000000-0000-0000-0000-0000000a4e00
 * </pre>
 *
 * The stand-in serves the subscriptions of {@code reprotect.arm.subscription-ids} (else of the older
 * {@code reprotect.arm.subscription-id}); the demo region pair is seeded in the first, unless {@code reprotect.local.arm.seed-demo=false}. Without the port nothing starts,
 * so tests of other features that boot the app are not affected. In dev mode the demo VM keeps
 * writing to its disks ({@link DemoWorkload}; {@code reprotect.local.demo-workload.enabled},
 * {@code .interval}, {@code .bytes}).
 *
 * <p>In dev mode the stand-in keeps its state in {@code reprotect.local.arm.state-file} (dev default
 * {@code target/arm-standin/state.json}): a restarted app finds the resources, power states, locks and regions
 * down its last run left, and seeds nothing. Start clean with {@code -Dreprotect.local.arm.fresh=true} (the
 * file is deleted first) or by deleting the file. Without the setting (tests) the stand-in is in memory only.
 */
@ApplicationScoped
public class LocalArmLifecycle {

    private static final Logger LOG = Logger.getLogger(LocalArmLifecycle.class.getName());

    @ConfigProperty(name = "reprotect.local.arm.port")
    Optional<Integer> port;

    /** Where the stand-in keeps its state across restarts; unset: in memory only (tests). */
    @ConfigProperty(name = "reprotect.local.arm.state-file")
    Optional<String> stateFile;

    /** Deletes the state file at start: a fresh, newly seeded stand-in. */
    @ConfigProperty(name = "reprotect.local.arm.fresh", defaultValue = "false")
    boolean fresh;

    @ConfigProperty(name = "reprotect.local.arm.seed-demo", defaultValue = "true")
    boolean seedDemo;

    /** Also seeds the demo application (db01, app01, web01 in shop-rg), for recovery plan drills: on in dev. */
    @ConfigProperty(name = "reprotect.local.arm.seed-demo-app", defaultValue = "false")
    boolean seedDemoApp;

    @ConfigProperty(name = "reprotect.arm.subscription-ids")
    Optional<List<String>> subscriptionIds;

    @ConfigProperty(name = "reprotect.arm.subscription-id")
    Optional<String> subscriptionId;

    /** Keep writing to the demo VM's disks (dev mode), so replication has something to move. */
    @ConfigProperty(name = "reprotect.local.demo-workload.enabled", defaultValue = "false")
    boolean workloadEnabled;

    @ConfigProperty(name = "reprotect.local.demo-workload.interval", defaultValue = "PT10S")
    Duration workloadInterval;

    @ConfigProperty(name = "reprotect.local.demo-workload.bytes", defaultValue = "16384")
    int workloadBytes;

    private ArmStandIn standIn;
    private DemoWorkload workload;

    void start(@Observes StartupEvent event) {
        if (port.isEmpty()) {
            return;
        }
        ArmStandIn.Options defaults = ArmStandIn.Options.defaults();
        List<String> served = subscriptionIds.orElseGet(() -> List.of(subscriptionId.orElse(defaults.subscriptionId())));
        java.nio.file.Path file = stateFile.filter(f -> !f.isBlank()).map(java.nio.file.Path::of).orElse(null);
        if (file != null && fresh) {
            deleteQuietly(file);
        }
        standIn = ArmStandIn.start(defaults.withPort(port.get()).withSubscriptions(served).withStateFile(file));
        LOG.info("ARM stand-in listening on " + standIn.endpoint() + " for subscriptions " + standIn.subscriptionIds()
                + (file == null ? "" : "; state in " + file.toAbsolutePath()
                + " (-Dreprotect.local.arm.fresh=true starts clean)"));
        if (standIn.restored()) {
            if (AzuriteLauncher.startedInMemory()) {
                LOG.warning("The ARM stand-in's resources were restored from " + file + ", but Azurite was started in "
                        + "memory by this app: the disks' bytes of the last run are gone. Run your own Azurite with "
                        + "--location DIR to keep them, or start clean with -Dreprotect.local.arm.fresh=true");
            }
            if (seedDemo && workloadEnabled) {
                startWorkload(DemoSeed.idsOf(standIn.subscriptionId()));
            }
        } else if (seedDemo) {
            DemoRegionPair demo = DemoSeed.seed(standIn);
            LOG.info("ARM stand-in seeded with the demo region pair");
            if (seedDemoApp) {
                DemoSeed.seedApplication(standIn, standIn.subscriptionId());
                LOG.info("ARM stand-in seeded with the demo application " + DemoSeed.APPLICATION + ": "
                        + DemoSeed.APPLICATION_VMS + " in " + DemoSeed.APPLICATION_RG + "-asr");
            }
            LOG.fine(() -> "demo region pair: " + demo);
            if (workloadEnabled) {
                startWorkload(demo);
            }
        }
    }

    private void startWorkload(DemoRegionPair demo) {
        workload = DemoWorkload.start(standIn, demo, workloadInterval, workloadBytes);
        LOG.info("Demo workload: " + workloadBytes + " bytes to each disk of " + demo.sourceVmId() + " every "
                + workloadInterval + " (reprotect.local.demo-workload.enabled=false stops it)");
    }

    private static void deleteQuietly(java.nio.file.Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
            LOG.info("ARM stand-in: starting clean (deleted " + file + ")");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not delete " + file + " for reprotect.local.arm.fresh=true", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (workload != null) {
            workload.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    /** The running stand-in, or null when {@code reprotect.local.arm.port} is not set. */
    public ArmStandIn standIn() {
        return standIn;
    }
}
