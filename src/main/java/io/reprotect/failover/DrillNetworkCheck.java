package io.reprotect.failover;

import io.reprotect.cloud.Networks;
import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Refuses a drill network peered with a production network of the VM: a drill VM there could reach production
 * (and, with a production IP, answer as production). ARM ids are compared whole, case-insensitively.
 */
@ApplicationScoped
public class DrillNetworkCheck {

    private final Networks networks;

    public DrillNetworkCheck(Networks networks) {
        this.networks = networks;
    }

    /**
     * @throws InvalidRequestException when the plan's drill network is peered with one of the VM's production
     *                                 networks and the caller did not allow production networks
     */
    public void requireIsolated(FailoverPlan plan, String networkId, boolean allowProductionNetwork) {
        if (allowProductionNetwork) {
            return;
        }
        Set<String> production = FailoverPlanner.productionNetworks(plan.shape());
        List<String> peered = networks.peeredNetworkIds(networkId).stream()
                .filter(id -> production.contains(FailoverPlanner.normalise(id))).toList();
        if (!peered.isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldError("networkId", "is peered with the production "
                    + "network " + peered.get(0) + " of the VM, so the drill VM could reach production. Use a network "
                    + "with no peering to production, or set allowProductionNetwork to true")));
        }
    }
}
