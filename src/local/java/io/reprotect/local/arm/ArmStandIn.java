package io.reprotect.local.arm;

import com.azure.storage.blob.specialized.PageBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reprotect.cloud.azure.ArmPermissions;
import io.reprotect.local.AzuriteLauncher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local, stateful stand-in for Azure Resource Manager that the real azure-resourcemanager SDK
 * talks to over plain HTTP (no authentication). It speaks the REST shapes of resource groups,
 * VMs (instance view, deallocate, power off, start, delete), managed disks, snapshots
 * (grant/revoke access), availability sets and storage accounts, with ARM's long-running
 * operation pattern and error bodies. Managed disks are real page blobs on Azurite.
 *
 * <p>Inspect it with plain GETs, e.g. {@code curl $ENDPOINT} (every resource id) or
 * {@code curl $ENDPOINT/subscriptions/$SUB/resourceGroups/app-rg/providers/Microsoft.Compute/virtualMachines/app01?$expand=instanceView}.
 * Dev and test only.
 *
 * <p>As Azure: operations are polled where each provider publishes them (Compute's
 * {@code locations/{Region}/operations} for VMs, {@code locations/{region}/DiskOperations} for disks
 * and snapshots, Storage's {@code locations/{region}/asyncoperations}) with their Retry-After (none for
 * Compute, whose operations the SDK then polls every 30 s; 2 s for Disk RP; {@link #STORAGE_RETRY_AFTER} for
 * storage), and can be made to take real time ({@link #operationTime}); every request is recorded under its RBAC action
 * ({@link #actionsSeen()}, and for the whole test JVM in {@link ActionsLog}); attached-disk, VM and
 * availability-set ids inside VMs, disks and availability sets come back with upper-cased resource
 * groups (availability-set and member names upper-cased too); an operation can end
 * {@code "status": "Failed"} with a chosen error code ({@link Faults#failOperation}).
 *
 * <p>Incremental snapshots ({@code "incremental": true}) have Azure's limits, and their read SAS
 * URLs point at this server, which passes reads through to Azurite and answers Get Page Ranges with
 * {@code x-ms-previous-snapshot-url} itself ({@link DiskDataPlane}), from the writes made through
 * {@link #blobOf} ({@link DiskWriteLog}).
 *
 * <p>Also: virtual networks and subnets, CheckIPAddressAvailability, NICs (static or dynamic IP,
 * Azure's reserved addresses, in-use checks), VM creation over existing disks and NICs (PUT,
 * {@link VmCreation}), disk Import from a page blob with a fixed-VHD footer ({@link DiskImports}),
 * extension lists. RBAC: every action outside {@link Options#role()} (by default the engine's
 * custom role, {@code ArmPermissions.REQUIRED_ACTIONS}) answers 403 AuthorizationFailed.
 *
 * <p>Outages and guard rails, for rehearsals and tests ({@link #regions()}, {@link #locks()},
 * {@link Faults#failNextVmStart}), also over HTTP on the same port under {@code /_standin/} ({@link StandInControl},
 * dev and test only). With {@link Options#withStateFile} the state survives a restart ({@link StandInState}).
 *
 * <p>Not modelled: authentication and RBAC (403 only by fault injection), VM creation over HTTP
 * (seed VMs with {@link #createVm}), networks, PATCH, list operations, ETags/If-Match,
 * disk creation other than Empty, cross-region snapshot copy, storage accounts' data planes (only the Azurite accounts
 * primaryregion/secondaryregion/devstoreaccount1 exist), resource group deletion, quotas.
 */
public final class ArmStandIn implements AutoCloseable {

    public static final String PRIMARY_REGION = "westeurope";
    public static final String SECONDARY_REGION = "northeurope";
    public static final String DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-0000000a4e00";
    /** Storage answers a storage account creation and its polls with {@code Retry-After: 17} (seconds). */
    public static final Duration STORAGE_RETRY_AFTER = Duration.ofSeconds(17);

    /**
     * @param port               0 for any free port
     * @param subscriptionIds    the subscriptions it serves (the first is the default for seeding); any
     *                           other answers 404 SubscriptionNotFound, as ARM does
     * @param regionAccounts     region -> Azurite account holding that region's disks
     * @param lroPollsBeforeDone how many polls of a long-running operation answer InProgress
     * @param lroDuration        after this, an operation is done even if nobody polls it (as in Azure)
     * @param stateFile          where the state is kept across restarts ({@link StandInState}); null: in memory only
     */
    public record Options(int port, List<String> subscriptionIds, Map<String, String> regionAccounts,
                          int lroPollsBeforeDone, Duration lroDuration, Set<String> role, java.nio.file.Path stateFile) {

        /** The engine's custom role: the stand-in denies (403 AuthorizationFailed) every other action. */
        public static final Set<String> ENGINE_ROLE = Set.copyOf(ArmPermissions.REQUIRED_ACTIONS);

        public Options {
            if (subscriptionIds.isEmpty()) {
                throw new IllegalArgumentException("the stand-in serves at least one subscription");
            }
            subscriptionIds = subscriptionIds.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        }

        public static Options defaults() {
            return new Options(0, List.of(DEFAULT_SUBSCRIPTION),
                    Map.of(PRIMARY_REGION, "primaryregion", SECONDARY_REGION, "secondaryregion"), 1,
                    Duration.ofMillis(500), ENGINE_ROLE, null);
        }

        /** The default subscription: the one the seeding methods without a subscription use. */
        public String subscriptionId() {
            return subscriptionIds.get(0);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, subscriptionIds, regionAccounts, lroPollsBeforeDone, lroDuration, role, stateFile);
        }

        public Options withSubscription(String newSubscriptionId) {
            return withSubscriptions(List.of(newSubscriptionId));
        }

        /** Serves these subscriptions; the first is the default. */
        public Options withSubscriptions(List<String> newSubscriptionIds) {
            return new Options(port, newSubscriptionIds, regionAccounts, lroPollsBeforeDone, lroDuration, role, stateFile);
        }

        /** Operations answer InProgress to {@code polls} polls and finish by themselves after {@code duration}. */
        public Options withLongRunningOperations(int polls, Duration duration) {
            return new Options(port, subscriptionIds, regionAccounts, polls, duration, role, stateFile);
        }

        /** The actions the caller's role grants; null grants everything (no RBAC). */
        public Options withRole(Set<String> actions) {
            return new Options(port, subscriptionIds, regionAccounts, lroPollsBeforeDone, lroDuration,
                    actions == null ? null : Set.copyOf(actions), stateFile);
        }

        /**
         * Keeps the state in {@code file}: loaded at start when it exists (instead of an empty stand-in), saved
         * after changes. Null (the default): in memory only, as tests want.
         */
        public Options withStateFile(java.nio.file.Path file) {
            return new Options(port, subscriptionIds, regionAccounts, lroPollsBeforeDone, lroDuration, role, file);
        }
    }

    private static final Logger LOG = Logger.getLogger(ArmStandIn.class.getName());

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ArmStore store = new ArmStore();
    private final Faults faults = new Faults();
    private final Locks locks = new Locks();
    private final RegionOutages outages = new RegionOutages();
    private final Throttling throttling = new Throttling(store, System::nanoTime);
    private final DiskDataPlane dataPlane;
    private final Set<String> actionsSeen = new ConcurrentSkipListSet<>();
    private final List<String> actionLog = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final DiskBlobs blobs;
    private final DiskWriteLog writes = new DiskWriteLog();
    private final IncrementalSnapshotLimits snapshotLimits = new IncrementalSnapshotLimits();
    private final RestorePointLimits restorePointLimits = new RestorePointLimits();
    private final LongRunningOperations lro;
    private final ResourceGroupRoutes groups;
    private final ComputeRoutes compute;
    private final StorageRoutes storage;
    private final LocationRoutes locations;
    private volatile boolean displayNameLocations;
    private StandInState state;
    private boolean restored;
    private final NetworkRoutes network;

    private ArmStandIn(Options options) throws IOException {
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "arm-stand-in");
            t.setDaemon(true);
            return t;
        });
        // Container names unique per instance: other tests share the Azurite accounts.
        this.blobs = new DiskBlobs(options.regionAccounts(), "arm-" + UUID.randomUUID().toString().substring(0, 12),
                writes);
        this.lro = new LongRunningOperations(this::endpoint, options.lroPollsBeforeDone(), options.lroDuration(),
                STORAGE_RETRY_AFTER);
        this.groups = new ResourceGroupRoutes(store);
        this.network = new NetworkRoutes(store, lro);
        this.compute = new ComputeRoutes(store, lro, blobs, new IncrementalSnapshots(store, snapshotLimits, this::endpoint),
                network, restorePointLimits);
        this.storage = new StorageRoutes(store, lro, "http://" + AzuriteLauncher.HOST + ":" + AzuriteLauncher.BLOB_PORT + "/",
                options.regionAccounts());
        this.locations = new LocationRoutes(lro, options.regionAccounts().keySet(),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/");
        server.createContext("/", this::handle);
        StandInControl control = new StandInControl(this, options.regionAccounts().keySet(), this::saveNow);
        server.createContext(StandInControl.PREFIX, control::handle);
        this.dataPlane = new DiskDataPlane(writes, this::accountDown);
        // the blob endpoint of incremental snapshots' SAS URLs: /{azurite account}/{container}/{blob}
        options.regionAccounts().values().stream().distinct()
                .forEach(account -> server.createContext("/" + account + "/", dataPlane::handle));
        server.setExecutor(executor);
    }

    /** Starts Azurite if needed, then the stand-in with {@link Options#defaults()} on a free port. */
    public static ArmStandIn start() {
        return start(Options.defaults());
    }

    public static ArmStandIn start(Options options) {
        AzuriteLauncher.ensureRunning();
        try {
            ArmStandIn standIn = new ArmStandIn(options);
            if (options.stateFile() != null) {
                JsonNode saved = StandInState.read(options.stateFile());
                if (saved != null) {
                    standIn.restore(saved);
                }
                standIn.state = StandInState.start(options.stateFile(), standIn::stateBytes);
            }
            standIn.server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the ARM stand-in on port " + options.port(), e);
        }
    }

    /** Base URL to configure as {@code reprotect.arm.endpoint}, ending with '/'. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The default subscription (seeding methods without a subscription argument create there). */
    public String subscriptionId() {
        return options.subscriptionId();
    }

    /** Every subscription served. */
    public List<String> subscriptionIds() {
        return options.subscriptionIds();
    }

    /**
     * Every long-running operation started from now on takes at least {@code time} before a poll or GET finds it
     * done (a snapshot takes seconds in Azure, a restore point tens of seconds); {@link Duration#ZERO}, the default,
     * lets the polls decide (tests stay fast).
     */
    public void operationTime(Duration time) {
        lro.minimumTime(time);
    }

    /**
     * Finishes every long-running operation still running, polled or not, as the time between two replication
     * cycles would (a snapshot delete fired by one cycle is done in Azure long before the next).
     */
    public void finishOperations() {
        lro.settleAll();
    }

    public Faults faults() {
        return faults;
    }

    /** CanNotDelete management locks: a DELETE under a locked scope answers 409 ScopeLocked. */
    public Locks locks() {
        return locks;
    }

    /** The blob service properties set on a storage account ({@code blobServices/default}), or null when none were. */
    public com.fasterxml.jackson.databind.node.ObjectNode blobServiceProperties(String storageAccountId) {
        return storage.blobServices.of(storageAccountId);
    }

    /** Regions declared down: calls their resource providers serve answer 504 GatewayTimeout ({@link RegionOutages}). */
    public RegionOutages regions() {
        return outages;
    }

    /**
     * Requests the disks' and snapshots' blob endpoint served (SAS reads passed through to Azurite, Get Page
     * Ranges diffs answered here), by kind: what a cost benchmark counts as the source side's transactions.
     */
    public java.util.Map<String, Long> diskDataPlaneRequests() {
        return dataPlane.requests();
    }

    /**
     * Caps the page ranges of one Get Page Ranges diff answer at {@code ranges} (the Blob service's own cap,
     * 10,000, by default): tests make it small so that a modest disk needs several pages.
     */
    public void pageRangesPerDiffAnswer(int ranges) {
        dataPlane.rangesPerAnswer(ranges);
    }

    /** Azure's throttling budgets, off until {@code throttling().enable(ThrottlingBudgets.azure())}. */
    public Throttling throttling() {
        return throttling;
    }

    /** Azure's limits on incremental snapshots, whose clock tests and the benchmark may move. */
    public IncrementalSnapshotLimits incrementalSnapshotLimits() {
        return snapshotLimits;
    }

    /** Azure's minimum frequency of VM restore points, whose clock tests and the benchmark may move. */
    public RestorePointLimits restorePointLimits() {
        return restorePointLimits;
    }

    /** How many resources of {@code type} (e.g. Microsoft.Compute/availabilitySets) were ever created. */
    public int createdCount(String type) {
        return store.createdCount(type);
    }

    /**
     * Answers the {@code location} of Compute resources (VMs, disks, snapshots, availability sets) as a
     * display name ({@code "West Europe"}), as some API versions do, instead of the region name.
     */
    public void answerLocationsAsDisplayNames(boolean displayNames) {
        this.displayNameLocations = displayNames;
    }

    /** Every RBAC action requested so far (for checking the engine's custom role). */
    public Set<String> actionsSeen() {
        return new TreeSet<>(actionsSeen);
    }

    /** Every request so far, in order, as {@code METHOD path action} (for proving a call wrote nothing). */
    public List<String> actionLog() {
        synchronized (actionLog) {
            return List.copyOf(actionLog);
        }
    }

    public List<String> resourceIds() {
        return store.ids();
    }

    /** The resource as ARM would return it (VMs with instance view), or null. */
    public JsonNode resource(String id) {
        ObjectNode r = store.get(id);
        return r == null ? null : r.deepCopy();
    }

    /**
     * The page blob holding a disk's or snapshot's bytes, for seeding and for assertions. Write to
     * disks through it (the VM's writes): its Put Page and Clear Pages are what incremental
     * snapshots' diffs report.
     */
    public PageBlobClient blobOf(String diskOrSnapshotId) {
        DiskBlobs.BlobRef ref = store.blob(diskOrSnapshotId);
        if (ref == null) {
            throw new IllegalArgumentException("No disk or snapshot " + diskOrSnapshotId);
        }
        return blobs.pageBlob(ref);
    }

    // ---- seeding (what the portal or a deployment would have created) ----

    public String createResourceGroup(String name, String region, Map<String, String> tags) {
        return createResourceGroup(options.subscriptionId(), name, region, tags);
    }

    public synchronized String createResourceGroup(String sub, String name, String region, Map<String, String> tags) {
        return groups.create(served(sub), name, region, Json.tags(tags));
    }

    /** An empty disk with tags, in the default subscription (as a person, or another job, would have created). */
    public synchronized String createDisk(String rg, String name, String region, int sizeGb, String sku,
                                          Map<String, String> tags) {
        return compute.createDisk(options.subscriptionId(), rg, name, Json.normaliseRegion(region), sizeGb, sku,
                Json.tags(tags));
    }

    public String createDisk(String rg, String name, String region, int sizeGb, String sku) {
        return createDisk(options.subscriptionId(), rg, name, region, sizeGb, sku);
    }

    public synchronized String createDisk(String sub, String rg, String name, String region, int sizeGb, String sku) {
        return compute.createDisk(served(sub), rg, name, Json.normaliseRegion(region), sizeGb, sku, null);
    }

    public String createAvailabilitySet(String rg, String name, String region) {
        return createAvailabilitySet(options.subscriptionId(), rg, name, region);
    }

    public synchronized String createAvailabilitySet(String sub, String rg, String name, String region) {
        return compute.createAvailabilitySet(served(sub), rg, name, region, 2, 5, "Aligned", null);
    }

    /** A VM over existing disks; {@code powerState} as in its instance view: running, stopped, deallocated. */
    public String createVm(String rg, String name, String region, String osDiskId, List<String> dataDiskIds,
                           String availabilitySetId, Map<String, String> tags, String powerState) {
        return createVm(options.subscriptionId(), rg, name, region, osDiskId, dataDiskIds, availabilitySetId, tags,
                powerState);
    }

    /** The same, in subscription {@code sub}. */
    public synchronized String createVm(String sub, String rg, String name, String region, String osDiskId,
                                        List<String> dataDiskIds, String availabilitySetId, Map<String, String> tags,
                                        String powerState) {
        return compute.createVm(served(sub), rg, name, Json.normaliseRegion(region), osDiskId, dataDiskIds,
                availabilitySetId, Json.tags(tags), powerState);
    }

    /** Deletes a disk as someone in the portal would (not over HTTP: no action is recorded). */
    public synchronized void deleteDisk(String diskId) {
        DiskBlobs.BlobRef ref = store.blob(diskId);
        store.remove(diskId);
        if (ref != null) {
            blobs.delete(ref);
        }
    }

    /** A virtual network with one address prefix and subnets by name -> CIDR prefix, in the default subscription. */
    public String createVirtualNetwork(String rg, String name, String region, String addressPrefix,
                                       Map<String, String> subnets) {
        return createVirtualNetwork(options.subscriptionId(), rg, name, region, addressPrefix, subnets);
    }

    public synchronized String createVirtualNetwork(String sub, String rg, String name, String region,
                                                    String addressPrefix, Map<String, String> subnets) {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        body.putObject("properties").putObject("addressSpace").putArray("addressPrefixes").add(addressPrefix);
        var list = ((ObjectNode) body.get("properties")).putArray("subnets");
        subnets.forEach((n, prefix) -> list.addObject().put("name", n).putObject("properties").put("addressPrefix", prefix));
        return network.createVirtualNetwork(served(sub), rg, name, Json.normaliseRegion(region), body);
    }

    /** A NIC in {@code subnetId} (and its subscription) with a static private IP, or a dynamic one when null. */
    public synchronized String createNic(String rg, String name, String region, String subnetId, String privateIp) {
        String sub = subnetId.split("/")[2];
        ObjectNode body = ArmResponse.JSON.createObjectNode().put("location", region);
        ObjectNode ip = body.putObject("properties").putArray("ipConfigurations").addObject().put("name", "ipconfig1");
        ObjectNode props = ip.putObject("properties").put("privateIPAllocationMethod", privateIp == null ? "Dynamic" : "Static");
        if (privateIp != null) {
            props.put("privateIPAddress", privateIp);
        }
        props.putObject("subnet").put("id", subnetId);
        String id = ResourcePath.id(served(sub), rg, NetworkRoutes.NIC, name);
        ArmRequest put = new ArmRequest("PUT", id, Map.of(), body, sub, List.of());
        ArmResponse answer = network.createNicForSeed(put, id, rg, name);
        if (answer.status() >= 300) {
            throw new IllegalArgumentException("NIC " + name + ": " + answer.body());
        }
        return id;
    }

    /** A Standard static public IP address in the default subscription, used by nothing. */
    public synchronized String createPublicIp(String rg, String name, String region) {
        return network.createPublicIp(ResourcePath.id(options.subscriptionId(), rg, NetworkRoutes.PUBLIC_IP, name), name,
                Json.normaliseRegion(region), null, null);
    }

    /** Attaches the public IP to the NIC's first IP configuration (null: detaches it), as a person would. */
    public synchronized void setPublicIp(String nicId, String publicIpId) {
        network.setPublicIp(nicId, publicIpId);
    }

    /**
     * Gives a seeded VM a managed identity as ARM returns it: {@code identity.type} and, for each user-assigned
     * identity id, its principal and client ids.
     */
    public synchronized void setIdentity(String vmId, String type, List<String> userAssignedIdentityIds) {
        ObjectNode identity = store.get(vmId).putObject("identity").put("type", type);
        if (type.contains("SystemAssigned")) {
            identity.put("principalId", java.util.UUID.randomUUID().toString())
                    .put("tenantId", "00000000-0000-0000-0000-00000000a7e0");
        }
        if (!userAssignedIdentityIds.isEmpty()) {
            ObjectNode assigned = identity.putObject("userAssignedIdentities");
            userAssignedIdentityIds.forEach(id -> assigned.putObject(id)
                    .put("principalId", java.util.UUID.randomUUID().toString())
                    .put("clientId", java.util.UUID.randomUUID().toString()));
        }
    }

    /** Peers two virtual networks in both directions, as a person would. */
    public synchronized void peerNetworks(String vnetId, String remoteVnetId) {
        network.peer(vnetId, remoteVnetId);
    }

    /**
     * While {@code hold} is true, disk imports stay in provisioningState Creating (their operation InProgress),
     * as a large import does for hours; false lets them finish.
     */
    public void holdDiskImports(boolean hold) {
        compute.holdDiskImports(hold);
    }

    /** Seeds a VM in the OS disk's subscription with data disks at the given LUNs (gaps allowed) and NICs (the first primary). */
    public synchronized String createVm(String rg, String name, String region, String osDiskId,
                                        Map<Integer, String> dataDisksByLun, String availabilitySetId,
                                        List<String> nicIds, Map<String, String> tags, String powerState) {
        String id = compute.createVm(served(osDiskId.split("/")[2]), rg, name, Json.normaliseRegion(region), osDiskId,
                List.of(), availabilitySetId, Json.tags(tags), powerState);
        ObjectNode vm = store.get(id);
        var data = (com.fasterxml.jackson.databind.node.ArrayNode) vm.at("/properties/storageProfile/dataDisks");
        new java.util.TreeMap<>(dataDisksByLun).forEach((lun, diskId) -> {
            ObjectNode disk = store.get(diskId);
            ObjectNode ref = data.addObject().put("lun", lun).put("name", disk.get("name").asText())
                    .put("createOption", "Attach").put("caching", "ReadOnly");
            // as Compute writes them: attached-disk ids and managedBy with the resource group upper-cased
            ref.putObject("managedDisk").put("id", ResourcePath.upperCaseGroup(disk.get("id").asText()))
                    .put("storageAccountType", disk.at("/sku/name").asText());
            disk.put("managedBy", ResourcePath.upperCaseGroup(id));
            Json.props(disk).put("diskState", powerState.equals("deallocated") ? "Reserved" : "Attached");
        });
        var refs = ((ObjectNode) vm.get("properties")).putObject("networkProfile").putArray("networkInterfaces");
        for (int i = 0; i < nicIds.size(); i++) {
            refs.addObject().put("id", nicIds.get(i)).putObject("properties").put("primary", i == 0);
            network.attach(nicIds.get(i), id);
        }
        VmDeleteOptions.fillDefaults(vm);
        return id;
    }

    /**
     * Sets what deleting the VM does to one of its disks or NICs ({@code Delete} or {@code Detach}, the
     * {@code deleteOption} of Compute API 2021-03-01 and later), as the portal's create wizard sets it.
     */
    public synchronized void setDeleteOption(String vmId, String diskOrNicId, String option) {
        compute.setDeleteOption(vmId, diskOrNicId, option);
    }

    /**
     * A Standard static public IP address with {@code deleteOption} ({@code Delete}: deleted with the VM that
     * uses it), associated with the first IP configuration of {@code nicId}.
     */
    public synchronized String attachNewPublicIp(String nicId, String name, String deleteOption) {
        return network.createPublicIpForSeed(nicId, name, deleteOption);
    }

    /** Adds an extension (as ARM lists it, without protected settings) to a seeded VM. */
    public synchronized void addExtension(String vmId, String name, String publisher, String type, String version,
                                          Map<String, Object> settings) {
        ObjectNode vm = store.get(vmId);
        var resources = vm.has("resources") ? (com.fasterxml.jackson.databind.node.ArrayNode) vm.get("resources")
                : vm.putArray("resources");
        ObjectNode ext = resources.addObject().put("id", vmId + "/extensions/" + name).put("name", name)
                .put("type", "Microsoft.Compute/virtualMachines/extensions").put("location", vm.get("location").asText());
        ext.putObject("properties").put("publisher", publisher).put("type", type).put("typeHandlerVersion", version)
                .put("autoUpgradeMinorVersion", true).put("provisioningState", "Succeeded")
                .set("settings", ArmResponse.JSON.valueToTree(settings));
    }

    private String served(String sub) {
        if (!serves(sub)) {
            throw new IllegalArgumentException("The stand-in does not serve subscription " + sub + "; start it with "
                    + "Options.withSubscriptions");
        }
        return sub;
    }

    private boolean serves(String sub) {
        return options.subscriptionIds().contains(sub.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (state != null) {
            synchronized (this) {
                lro.settleAll(); // what ARM accepted completes, polled or not
            }
            state.close();
        }
    }

    /** Writes the state file now (when kept in one), e.g. after a control request, instead of within the interval. */
    private void saveNow() {
        if (state != null) {
            state.saveIfChanged();
        }
    }

    /** Whether this stand-in started from a state file rather than empty (then it needs no seeding). */
    public boolean restored() {
        return restored;
    }

    /** The state file's content: resources, blob references, creation counts, locks, regions down. */
    private synchronized byte[] stateBytes() {
        ObjectNode body = store.toJson();
        body.put("format", StandInState.FORMAT);
        var list = body.putArray("locks");
        locks.all().forEach(l -> list.add(Locks.json(l)));
        var down = body.putArray("regionsDown");
        outages.downRegions().forEach(down::add);
        try {
            return ArmResponse.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private synchronized void restore(JsonNode saved) {
        store.restore(saved);
        saved.path("locks").forEach(l -> {
            Locks.Lock lock = Locks.fromJson(l);
            locks.lock(lock.scope(), lock.name(), lock.notes());
        });
        saved.path("regionsDown").forEach(r -> outages.down(r.asText()));
        restored = true;
        LOG.info("ARM stand-in restored " + store.ids().size() + " resources from " + options.stateFile()
                + (outages.downRegions().isEmpty() ? "" : "; regions down: " + outages.downRegions()));
    }

    // ---- HTTP ----

    static ArmResponse unsupported(ArmRequest r) {
        return ArmResponse.error(400, "UnsupportedByStandIn", "The ARM stand-in does not model " + r.method() + " "
                + r.path() + "; see io.reprotect.local.arm.ArmStandIn");
    }

    private void handle(HttpExchange exchange) {
        ArmResponse response;
        try {
            ArmRequest request = parse(exchange);
            if (request.subscriptionId() != null && Locks.isLockPath(request.path())) {
                write(exchange, lockRoute(request, lockAction(request.method())));
                return;
            }
            String action = ArmActions.of(request.method(), request.segments());
            if (request.subscriptionId() != null) {
                actionsSeen.add(action);
                ActionsLog.record(action);
            }
            actionLog.add(request.method() + " " + request.path() + " " + action);
            List<LinkedAccess.Check> linked = request.subscriptionId() == null ? List.of() : LinkedAccess.of(request);
            for (LinkedAccess.Check check : linked) {
                actionsSeen.add(check.action());
                ActionsLog.record(check.action());
            }
            response = faults.match(request.method(), request.path(), action);
            if (response == null && request.subscriptionId() != null && options.role() != null
                    && options.role().stream().noneMatch(action::equalsIgnoreCase)) {
                response = Faults.denied(request.path(), action);
            }
            if (response == null && options.role() != null) {
                List<LinkedAccess.Check> missing = linked.stream()
                        .filter(c -> options.role().stream().noneMatch(c.action()::equalsIgnoreCase)).toList();
                if (!missing.isEmpty()) {
                    response = LinkedAccess.denied(action, request.path(), missing);
                }
            }
            if (response == null) {
                response = locks.refusal(request.method(), request.path());
            }
            if (response == null) {
                response = regionDownAnswer(request);
            }
            if (response == null) {
                Throttling.Admission admission = throttling.admit(request);
                response = admission.refusal();
                if (response == null) {
                    synchronized (this) {
                        lro.settleDue();
                        lro.failNextWith(faults.operationFailure(request.method(), request.path()));
                        response = admission.decorate(route(request));
                        lro.failNextWith(null);
                    }
                }
                response = displayNameLocations ? withDisplayNameLocation(response) : response;
            }
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "ARM stand-in failed on " + exchange.getRequestURI(), e);
            response = ArmResponse.error(500, "InternalServerError", "Stand-in failure: " + e);
        }
        write(exchange, response);
    }

    /** Microsoft.Authorization's action for a lock request: {@code Microsoft.Authorization/locks/{read|write|delete}}. */
    private static String lockAction(String method) {
        return "Microsoft.Authorization/locks/" + switch (method) {
            case "PUT" -> "write";
            case "DELETE" -> "delete";
            default -> "read";
        };
    }

    /**
     * The locks resource, checked against the caller's role and recorded like every action: the engine puts and
     * lifts its own lock on the replica accounts it creates; an operator's locks go through here too.
     */
    private synchronized ArmResponse lockRoute(ArmRequest r, String action) {
        actionsSeen.add(action);
        ActionsLog.record(action);
        actionLog.add(r.method() + " " + r.path() + " " + action);
        if (options.role() != null && options.role().stream().noneMatch(action::equalsIgnoreCase)) {
            return Faults.denied(r.path(), action);
        }
        if (!serves(r.subscriptionId())) {
            return ArmResponse.error(404, "SubscriptionNotFound", "The subscription '" + r.subscriptionId()
                    + "' could not be found.");
        }
        String scope = r.path().substring(0, r.path().toLowerCase(java.util.Locale.ROOT)
                .indexOf("/providers/microsoft.authorization/locks"));
        return locks.handle(r, scopeExists(scope));
    }

    /** A subscription served, or a resource group or resource the stand-in holds. */
    boolean scopeExists(String scope) {
        List<String> parts = Arrays.stream(scope.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.size() == 2 && parts.get(0).equalsIgnoreCase("subscriptions")) {
            return serves(parts.get(1));
        }
        return store.get(scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope) != null;
    }

    /**
     * 504 GatewayTimeout when the request needs the resource provider of a region declared down: a
     * {@code /locations/{region}/} endpoint, or a resource located there (a creation: the location it asks for).
     */
    private ArmResponse regionDownAnswer(ArmRequest r) {
        if (outages.downRegions().isEmpty() || r.subscriptionId() == null) {
            return null;
        }
        if (r.keyword(0).equals("providers") && r.keyword(2).equals("locations")) {
            return outages.isDown(r.segment(3)) ? RegionOutages.answer(r.segment(1)) : null;
        }
        if (r.keyword(0).equals("resourcegroups") && r.segments().size() >= 6 && r.keyword(2).equals("providers")) {
            ResourcePath p = ResourcePath.of(r);
            ObjectNode resource = store.get(p.id());
            String region = resource != null ? ArmStore.text(resource, "location") : Json.at(r.body(), "/location");
            return outages.isDown(region) ? RegionOutages.answer(p.namespace()) : null;
        }
        return null;
    }

    /** Whether a region whose disks live in this Azurite account is down. */
    private boolean accountDown(String account) {
        return options.regionAccounts().entrySet().stream()
                .anyMatch(e -> e.getValue().equalsIgnoreCase(account) && outages.isDown(e.getKey()));
    }

    private ArmRequest parse(HttpExchange exchange) throws IOException {
        // ARM treats empty path segments as absent: the SDK's by-scope calls (management locks) send the scope, an id
        // that starts with '/', after the host's '/', so their path starts '//subscriptions/...'
        String path = exchange.getRequestURI().getPath().replaceAll("/{2,}", "/");
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? null : ArmResponse.JSON.readTree(bytes);
        List<String> all = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        boolean subscription = all.size() >= 2 && all.get(0).equalsIgnoreCase("subscriptions");
        return new ArmRequest(exchange.getRequestMethod(), path, query, body, subscription ? all.get(1) : null,
                subscription ? all.subList(2, all.size()) : List.of());
    }

    private ArmResponse route(ArmRequest r) {
        if (r.subscriptionId() == null) {
            return r.path().equals("/") && r.method().equals("GET") ? overview() : unsupported(r);
        }
        if (!serves(r.subscriptionId())) {
            return ArmResponse.error(404, "SubscriptionNotFound", "The subscription '" + r.subscriptionId() + "' could not be found.");
        }
        int n = r.segments().size();
        if (r.keyword(0).equals("resourcegroups") && n == 2) {
            return groups.handle(r);
        }
        if (r.keyword(0).equals("resourcegroups") && n >= 6 && r.keyword(2).equals("providers")) {
            if (!groups.exists(r.subscriptionId(), r.segment(1))) {
                return ArmResponse.resourceGroupNotFound(r.segment(1));
            }
            ResourcePath p = ResourcePath.of(r);
            return switch (p.namespace().toLowerCase(java.util.Locale.ROOT)) {
                case "microsoft.compute" -> compute.handle(r, p);
                case "microsoft.storage" -> storage.handle(r, p);
                case "microsoft.network" -> network.handle(r, p);
                default -> unsupported(r);
            };
        }
        if (r.keyword(0).equals("providers") && r.keyword(2).equals("locations")) {
            return locations.handle(r);
        }
        if (r.keyword(0).equals("providers") && r.keyword(1).equals("microsoft.storage")
                && r.keyword(2).equals("checknameavailability") && r.method().equals("POST")) {
            return storage.checkName(r);
        }
        return unsupported(r);
    }

    private static ArmResponse withDisplayNameLocation(ArmResponse response) {
        if (response.body() instanceof ObjectNode body && body.hasNonNull("location")
                && body.path("type").asText().startsWith(ComputeRoutes.NS + "/")) {
            ObjectNode copy = body.deepCopy();
            copy.put("location", Regions.displayName(body.get("location").asText()));
            return new ArmResponse(response.status(), response.headers(), copy);
        }
        return response;
    }

    private ArmResponse overview() {
        ObjectNode body = ArmResponse.JSON.createObjectNode();
        options.subscriptionIds().forEach(body.putArray("subscriptionIds")::add);
        store.ids().forEach(body.putArray("resources")::add);
        return ArmResponse.ok(body);
    }

    static void write(HttpExchange exchange, ArmResponse response) {
        try (exchange) {
            byte[] bytes = response.body() == null ? new byte[0] : ArmResponse.JSON.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
            if (bytes.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        }
    }

    /** Runs the stand-in with the demo region pair: {@code ArmStandIn [port]}. Stops with Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        ArmStandIn standIn = start(Options.defaults().withPort(port));
        DemoRegionPair demo = DemoSeed.seed(standIn);
        System.out.println("ARM stand-in on " + standIn.endpoint() + " subscriptions " + standIn.subscriptionIds());
        System.out.println("Demo: " + demo);
        Thread.currentThread().join();
    }
}
