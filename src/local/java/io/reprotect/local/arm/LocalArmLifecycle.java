package io.reprotect.local.arm;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
 */
@ApplicationScoped
public class LocalArmLifecycle {

    private static final Logger LOG = Logger.getLogger(LocalArmLifecycle.class.getName());

    @ConfigProperty(name = "reprotect.local.arm.port")
    Optional<Integer> port;

    @ConfigProperty(name = "reprotect.local.arm.seed-demo", defaultValue = "true")
    boolean seedDemo;

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
        standIn = ArmStandIn.start(defaults.withPort(port.get()).withSubscriptions(served));
        LOG.info("ARM stand-in listening on " + standIn.endpoint() + " for subscriptions " + standIn.subscriptionIds());
        if (seedDemo) {
            DemoRegionPair demo = DemoSeed.seed(standIn);
            LOG.info("ARM stand-in seeded with the demo region pair");
            LOG.fine(() -> "demo region pair: " + demo);
            if (workloadEnabled) {
                workload = DemoWorkload.start(standIn, demo, workloadInterval, workloadBytes);
                LOG.info("Demo workload: " + workloadBytes + " bytes to each disk of " + demo.sourceVmId() + " every "
                        + workloadInterval + " (reprotect.local.demo-workload.enabled=false stops it)");
            }
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
