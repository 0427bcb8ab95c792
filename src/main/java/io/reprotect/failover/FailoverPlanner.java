package io.reprotect.failover;

import io.reprotect.cloud.VmShape;
import io.reprotect.protection.Outputs;
import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a protected item and a caller's choices into a {@link FailoverPlan}. Pure: no Azure calls, so
 * an unplanned failover is planned without touching the secondary region.
 */
public final class FailoverPlanner {

    public static final String LATEST = "Latest";
    public static final String LATEST_PROCESSED = "LatestProcessed";
    public static final String LATEST_APP_CONSISTENT = "LatestApplicationConsistent";
    static final String DRILL_SUFFIX = "-test";
    /** Hex digits of the job id in the names of the disks and NICs a job creates (4 billion values). */
    static final int SHORT_ID_LENGTH = 8;

    private FailoverPlanner() {
    }

    /**
     * A failover back to the primary region: the VM keeps its captured name; its disks are new (the old
     * primary's disks are kept by reprotect and keep their names), named {@code <disk>-fb<job>}; NICs are the
     * original ones, or new ones ({@code <nic>-fb<job>}) in the same subnet keeping the IP and the public IP.
     */
    public static FailoverPlan failover(FailoverSource item, String jobId, String type, String recoveryPoint) {
        VmShape shape = shape(item);
        FailoverPlan.Point point = point(item, recoveryPoint, "recoveryPoint");
        String suffix = "-fb" + shortId(jobId);
        List<FailoverPlan.NicPlan> nics = shape.nics().stream().map(n -> new FailoverPlan.NicPlan(n.id(),
                n.name() + suffix, n.subnetId(), n.privateIp(), n.networkSecurityGroupId(), n.acceleratedNetworking(),
                n.publicIpId())).toList();
        return new FailoverPlan(item.itemId(), false, type, item.vmId(), point, item.primaryRegion(),
                item.targetResourceGroup(), shape.name(), item.targetStorageAccount(), disks(item, shape, suffix), shape,
                nics, Map.of(FailoverOutputs.TAG_JOB, jobId));
    }

    /**
     * A drill: names apart (the VM {@code <name>-test}; disks and NICs {@code <name>-test-<job>}, so no drill
     * meets another's leftovers or a customer's {@code -test} resources), NICs new in the isolated network's subnet of the same name,
     * keeping the IP when free there; refused into a production network unless allowed.
     */
    public static FailoverPlan testFailover(FailoverSource item, String jobId, String recoveryPoint,
                                            String isolatedNetworkId, boolean allowProductionNetwork) {
        return testFailover(item, jobId, recoveryPoint, isolatedNetworkId, allowProductionNetwork, DrillKeep.NONE);
    }

    /**
     * As above; the drill VM gets no user-assigned managed identity and none of the production VM's tags (only the
     * drill's own) except those {@code keep} names.
     */
    public static FailoverPlan testFailover(FailoverSource item, String jobId, String recoveryPoint,
                                            String isolatedNetworkId, boolean allowProductionNetwork, DrillKeep keep) {
        VmShape production = shape(item);
        List<FieldError> errors = new ArrayList<>();
        VmShape shape = DrillShapes.keepOnly(production, keep, errors);
        if (isolatedNetworkId == null || isolatedNetworkId.isBlank()) {
            errors.add(new FieldError("networkId", "required: the id of an isolated virtual network in "
                    + item.primaryRegion() + " for the test VM"));
        } else if (!allowProductionNetwork && productionNetworks(shape).contains(normalise(isolatedNetworkId))) {
            errors.add(new FieldError("networkId", "is the production network of the VM; a test failover must not "
                    + "touch production. Use an isolated network, or set allowProductionNetwork to true"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        FailoverPlan.Point point = point(item, recoveryPoint, "recoveryPoint");
        String suffix = DRILL_SUFFIX + "-" + shortId(jobId);
        List<FailoverPlan.NicPlan> nics = shape.nics().stream().map(n -> new FailoverPlan.NicPlan(null,
                n.name() + suffix, isolatedNetworkId + "/subnets/" + subnetName(n.subnetId()), n.privateIp(),
                n.networkSecurityGroupId(), false, null)).toList();
        return new FailoverPlan(item.itemId(), true, null, item.vmId(), point, item.primaryRegion(),
                item.targetResourceGroup(), shape.name() + DRILL_SUFFIX, item.targetStorageAccount(),
                disks(item, shape, suffix), shape, nics,
                Map.of(FailoverOutputs.TAG_JOB, jobId, FailoverOutputs.TAG_DRILL, "true"));
    }

    /** The short form of a job id that names what the job creates: its first 8 hex digits. */
    static String shortId(String jobId) {
        return jobId.replace("-", "").substring(0, SHORT_ID_LENGTH);
    }

    private static VmShape shape(FailoverSource item) {
        if (item.shape() == null) {
            throw new InvalidRequestException(List.of(new FieldError("id", "the item was protected before VM shapes "
                    + "were captured; its old primary VM's size, network and disks are unknown. Reprotect it again "
                    + "with this version, or create the VM from the recovery point's disks yourself")));
        }
        return item.shape();
    }

    private static List<FailoverPlan.DiskPlan> disks(FailoverSource item, VmShape shape, String suffix) {
        List<FailoverPlan.DiskPlan> disks = new ArrayList<>();
        for (int i = 0; i < item.replicas().size(); i++) {
            Outputs.Replica replica = item.replicas().get(i);
            int lun = replica.lun() != null ? replica.lun() : i == 0 ? -1 : shape.dataDisks().get(i - 1).lun();
            Optional<VmShape.Disk> captured = lun < 0 ? Optional.of(shape.osDisk()) : shape.dataDisk(lun);
            String name = captured.map(VmShape.Disk::name).orElse(shape.name() + "-lun" + lun) + suffix;
            String sku = captured.map(VmShape.Disk::sku).orElse("Premium_LRS");
            disks.add(new FailoverPlan.DiskPlan(lun, replica, name, 0, sku, lun < 0 ? shape.osType() : null,
                    lun < 0 ? captured.map(VmShape.Disk::hyperVGeneration).orElse(null) : null,
                    captured.map(VmShape.Disk::diskEncryptionSetId).orElse(null)));
        }
        return disks;
    }

    /** Latest, LatestProcessed (every point here is processed once taken), LatestApplicationConsistent, or an id. */
    static FailoverPlan.Point point(FailoverSource item, String choice, String field) {
        String wanted = choice == null || choice.isBlank() ? LATEST : choice;
        List<FailoverSource.Point> points = item.points();
        Optional<FailoverSource.Point> found;
        if (wanted.equalsIgnoreCase(LATEST) || wanted.equalsIgnoreCase(LATEST_PROCESSED)) {
            found = points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
        } else if (wanted.equalsIgnoreCase(LATEST_APP_CONSISTENT)) {
            found = points.stream().filter(p -> "ApplicationConsistent".equalsIgnoreCase(p.type()))
                    .reduce((a, b) -> b);
        } else {
            found = points.stream().filter(p -> p.id().equals(wanted)).findFirst();
        }
        FailoverSource.Point p = found.orElseThrow(() -> new InvalidRequestException(List.of(new FieldError(field,
                "no recovery point matches '" + wanted + "'; use Latest, LatestProcessed, LatestApplicationConsistent "
                        + "or an id from GET /api/protected-items/" + item.itemId() + "/recovery-points"))));
        return new FailoverPlan.Point(p.id(), p.time(), p.snapshotUrls());
    }

    /** The virtual networks of the VM's NICs, as normalised ARM ids ({@link #normalise}). */
    static java.util.Set<String> productionNetworks(VmShape shape) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        shape.nics().forEach(n -> ids.add(normalise(vnetOf(n.subnetId()))));
        ids.remove("");
        return ids;
    }

    /** An ARM id compared as ARM does: case-insensitive, without a trailing slash. */
    static String normalise(String armId) {
        String id = armId == null ? "" : armId.trim().toLowerCase(Locale.ROOT);
        return id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    }

    static String vnetOf(String subnetId) {
        int at = subnetId == null ? -1 : subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/");
        return at < 0 ? "" : subnetId.substring(0, at);
    }

    private static String subnetName(String subnetId) {
        return subnetId.substring(subnetId.lastIndexOf('/') + 1);
    }
}
