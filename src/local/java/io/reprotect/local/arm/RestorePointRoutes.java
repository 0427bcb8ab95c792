package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.local.arm.LongRunningOperations.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Microsoft.Compute restorePointCollections, their restorePoints and diskRestorePoints, in the
 * shapes of the REST spec (2024-11-01 examples). A restore point captures every disk of the VM at
 * one instant; each disk restore point is an incremental snapshot of its disk, so its read SAS URL
 * is served by the {@link DiskDataPlane} and answers page-range diffs against the disk's other
 * incremental snapshots and disk restore points.
 *
 * <p>Azure's rules kept: the collection is in its VM's region; {@code consistencyMode} accepts only
 * {@code CrashConsistent} as input, and without it the point is application-consistent
 * ({@code ApplicationConsistent} on Windows, {@code FileSystemConsistent} on Linux) when the VM runs,
 * crash-consistent when it does not; one restore point of a VM at a time (409
 * {@code OperationNotAllowed}); at most {@link #MAX_POINTS_PER_VM} per VM; Azure's minimum frequency, one
 * crash-consistent point an hour and one application-consistent point every 3 hours per VM
 * ({@link RestorePointLimits}); a point whose disk restore point has an active SAS cannot be deleted.
 */
final class RestorePointRoutes {

    static final String COLLECTION = "Microsoft.Compute/restorePointCollections";
    static final String POINT = COLLECTION + "/restorePoints";
    static final String DISK_POINT = POINT + "/diskRestorePoints";
    /** Azure keeps at most 500 restore points per VM, whatever the collections. */
    static final int MAX_POINTS_PER_VM = 500;

    private final ArmStore store;
    private final LongRunningOperations lro;
    private final DiskBlobs blobs;
    private final IncrementalSnapshots incremental;
    private final RestorePointLimits limits;
    private final Set<String> activeSas = ConcurrentHashMap.newKeySet();

    RestorePointRoutes(ArmStore store, LongRunningOperations lro, DiskBlobs blobs, IncrementalSnapshots incremental,
            RestorePointLimits limits) {
        this.limits = limits;
        this.store = store;
        this.lro = lro;
        this.blobs = blobs;
        this.incremental = incremental;
    }

    ArmResponse handle(ArmRequest r, ResourcePath p) {
        List<String> rest = p.rest();
        if (rest.isEmpty()) {
            return collection(r, p);
        }
        if (!rest.get(0).equalsIgnoreCase("restorePoints") || rest.size() < 2) {
            return ArmStandIn.unsupported(r);
        }
        String pointId = p.id() + "/restorePoints/" + rest.get(1);
        if (rest.size() == 2) {
            return point(r, p, pointId);
        }
        if (rest.size() >= 4 && rest.get(2).equalsIgnoreCase("diskRestorePoints")) {
            return diskPoint(r, pointId + "/diskRestorePoints/" + rest.get(3), rest.size() > 4 ? rest.get(4) : "");
        }
        return ArmStandIn.unsupported(r);
    }

    // ---- collections ----

    private ArmResponse collection(ArmRequest r, ResourcePath p) {
        ObjectNode existing = store.get(p.id());
        switch (r.method()) {
            case "GET":
                return existing == null ? ArmResponse.notFound(COLLECTION, p.name(), p.resourceGroup())
                        : ArmResponse.ok(existing.deepCopy());
            case "PUT":
                if (existing != null) {
                    Json.updateTags(existing, r.body());
                    return ArmResponse.ok(existing.deepCopy());
                }
                return createCollection(r, p);
            case "DELETE":
                if (existing == null) {
                    return ArmResponse.noContent();
                }
                List<ObjectNode> points = pointsOf(p.id());
                if (points.stream().anyMatch(this::hasActiveSas)) {
                    return ArmResponse.error(409, "OperationNotAllowed", "A disk restore point of collection "
                            + p.name() + " has an active SAS; end its access first.");
                }
                return lro.accept(r, Kind.COMPUTE, existing.get("location").asText(), null, () -> {
                    points.forEach(this::removePoint);
                    store.remove(p.id());
                }, null);
            default:
                return ArmStandIn.unsupported(r);
        }
    }

    private ArmResponse createCollection(ArmRequest r, ResourcePath p) {
        String region = Json.normaliseRegion(Json.at(r.body(), "/location"));
        String vmId = Json.at(r.body(), "/properties/source/id");
        ObjectNode vm = vmId == null ? null : store.get(vmId);
        if (vm == null) {
            return ArmResponse.error(404, "NotFound", "The source virtual machine " + vmId + " is not found.");
        }
        if (!vm.get("location").asText().equals(region)) {
            return ArmResponse.error(400, "InvalidParameter", "Restore point collection " + p.name()
                    + " must be in the region of its source VM (" + vm.get("location").asText() + "), not " + region);
        }
        ObjectNode collection = Json.resource(p.id(), p.name(), COLLECTION, region, r.body().get("tags"));
        ObjectNode props = Json.props(collection);
        props.remove("timeCreated");
        props.putObject("source").put("id", vm.get("id").asText()).put("location", region);
        props.put("restorePointCollectionId", UUID.randomUUID().toString()).put("provisioningState", "Succeeded");
        store.put(collection);
        return ArmResponse.of(201, collection.deepCopy());
    }

    // ---- restore points ----

    private ArmResponse point(ArmRequest r, ResourcePath p, String pointId) {
        ObjectNode point = store.get(pointId);
        String name = pointId.substring(pointId.lastIndexOf('/') + 1);
        switch (r.method()) {
            case "GET":
                return point == null ? ArmResponse.notFound(POINT, p.name() + "/" + name, p.resourceGroup())
                        : ArmResponse.ok(point.deepCopy());
            case "PUT":
                return point != null ? ArmResponse.ok(point.deepCopy()) : createPoint(r, p, pointId, name);
            case "DELETE":
                if (point == null) {
                    return ArmResponse.noContent();
                }
                if (hasActiveSas(point)) {
                    return ArmResponse.error(409, "OperationNotAllowed", "A disk restore point of restore point "
                            + name + " has an active SAS; end its access first.");
                }
                ObjectNode collection = store.get(p.id());
                return lro.accept(r, Kind.COMPUTE, collection.get("location").asText(), null, () -> removePoint(point),
                        null);
            default:
                return ArmStandIn.unsupported(r);
        }
    }

    private ArmResponse createPoint(ArmRequest r, ResourcePath p, String pointId, String name) {
        ObjectNode collection = store.get(p.id());
        if (collection == null) {
            return ArmResponse.notFound(COLLECTION, p.name(), p.resourceGroup());
        }
        String vmId = Json.at(collection, "/properties/source/id");
        ObjectNode vm = store.get(vmId);
        if (vm == null) {
            return ArmResponse.error(404, "NotFound", "The source virtual machine " + vmId + " of collection "
                    + p.name() + " is not found.");
        }
        String requested = r.body() == null ? null : Json.at(r.body(), "/properties/consistencyMode");
        if (requested != null && !requested.equalsIgnoreCase("CrashConsistent")) {
            return ArmResponse.error(400, "InvalidParameter", "consistencyMode " + requested + " is not valid input; "
                    + "only CrashConsistent is accepted (omit it for an application-consistent restore point).");
        }
        List<ObjectNode> ofVm = store.ofType(POINT).stream()
                .filter(rp -> vmId.equalsIgnoreCase(Json.at(store.get(RestorePointRoutesIds.collectionOf(
                        rp.get("id").asText())), "/properties/source/id"))).toList();
        if (ofVm.stream().anyMatch(rp -> "Creating".equals(Json.at(rp, "/properties/provisioningState")))) {
            return ArmResponse.error(409, "OperationNotAllowed", "Another restore point of VM " + vm.get("name").asText()
                    + " is being created; concurrent creation of restore points for a VM is not supported.");
        }
        if (ofVm.size() >= MAX_POINTS_PER_VM) {
            return ArmResponse.error(409, "OperationNotAllowed", "VM " + vm.get("name").asText() + " has "
                    + MAX_POINTS_PER_VM + " restore points, the most Azure keeps; delete older ones first.");
        }
        ArmResponse tooSoon = limits.check(vmId, vm.get("name").asText(), requested != null);
        if (tooSoon != null) {
            return tooSoon;
        }
        limits.created(vmId, requested != null);
        String consistency = requested != null || !"running".equals(VmStates.powerState(vm)) ? "CrashConsistent"
                : "Linux".equalsIgnoreCase(Json.at(vm, "/properties/storageProfile/osDisk/osType"))
                        ? "FileSystemConsistent" : "ApplicationConsistent";
        ObjectNode point = ArmResponse.JSON.createObjectNode();
        point.put("name", name).put("id", pointId).put("type", POINT);
        ObjectNode props = point.putObject("properties");
        props.putArray("excludeDisks");
        ObjectNode meta = props.putObject("sourceMetadata");
        meta.put("vmId", Json.at(vm, "/properties/vmId")).put("location", vm.get("location").asText());
        meta.putObject("hardwareProfile").put("vmSize", Json.at(vm, "/properties/hardwareProfile/vmSize"));
        ObjectNode storage = meta.putObject("storageProfile");
        JsonNode osDisk = vm.at("/properties/storageProfile/osDisk");
        ObjectNode os = storage.putObject("osDisk");
        os.put("osType", osDisk.path("osType").asText(null)).put("name", osDisk.path("name").asText(null));
        os.putObject("managedDisk").put("id", osDisk.at("/managedDisk/id").asText());
        os.putObject("diskRestorePoint").put("id", takeDiskPoint(pointId, osDisk.at("/managedDisk/id").asText()));
        ArrayNode data = storage.putArray("dataDisks");
        for (JsonNode d : vm.at("/properties/storageProfile/dataDisks")) {
            ObjectNode disk = data.addObject();
            disk.put("lun", d.path("lun").asInt()).put("name", d.path("name").asText(null));
            disk.putObject("managedDisk").put("id", d.at("/managedDisk/id").asText());
            disk.putObject("diskRestorePoint").put("id", takeDiskPoint(pointId, d.at("/managedDisk/id").asText()));
        }
        props.put("provisioningState", "Creating").put("consistencyMode", consistency)
                .put("timeCreated", limits.now().toString());
        store.put(point);
        ArmResponse accepted = lro.accept(r, Kind.COMPUTE, vm.get("location").asText(), point.deepCopy(),
                () -> props.put("provisioningState", "Succeeded"), null,
                () -> props.put("provisioningState", "Failed"));
        // the REST spec answers a restore point PUT with 201 (and Azure-AsyncOperation), not 202
        return new ArmResponse(201, accepted.headers(), accepted.body());
    }

    /** Snapshots one disk incrementally, as a disk restore point of {@code pointId}; returns its id. */
    private String takeDiskPoint(String pointId, String diskId) {
        ObjectNode disk = store.get(diskId);
        String name = disk.get("name").asText() + "_" + UUID.randomUUID();
        String id = pointId + "/diskRestorePoints/" + name;
        DiskBlobs.BlobRef ref = blobs.snapshot(store.blob(diskId), "restorepoints/" + name.toLowerCase(Locale.ROOT), true);
        ObjectNode drp = ArmResponse.JSON.createObjectNode();
        drp.put("name", name).put("id", id).put("type", DISK_POINT);
        drp.putObject("properties").put("timeCreated", limits.now().toString())
                .put("sourceResourceId", disk.get("id").asText())
                .put("sourceUniqueId", Json.at(disk, "/properties/uniqueId"))
                .put("osType", Json.at(disk, "/properties/osType"))
                .put("familyId", UUID.nameUUIDFromBytes(String.valueOf(Json.at(disk, "/properties/uniqueId"))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .put("diskRestorePointState", "Available").put("completionPercent", 100.0);
        store.putBlob(id, ref);
        store.put(drp);
        return id;
    }

    private List<ObjectNode> pointsOf(String collectionId) {
        String prefix = (collectionId + "/restorePoints/").toLowerCase(Locale.ROOT);
        return store.ofType(POINT).stream()
                .filter(rp -> rp.get("id").asText().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
    }

    private List<ObjectNode> diskPointsOf(ObjectNode point) {
        String prefix = (point.get("id").asText() + "/diskRestorePoints/").toLowerCase(Locale.ROOT);
        return store.ofType(DISK_POINT).stream()
                .filter(d -> d.get("id").asText().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
    }

    private boolean hasActiveSas(ObjectNode point) {
        return diskPointsOf(point).stream().anyMatch(d -> activeSas.contains(ArmStore.key(d.get("id").asText())));
    }

    private void removePoint(ObjectNode point) {
        for (ObjectNode drp : diskPointsOf(point)) {
            String id = drp.get("id").asText();
            DiskBlobs.BlobRef ref = store.blob(id);
            store.remove(id);
            if (ref != null) {
                blobs.delete(ref);
            }
        }
        store.remove(point.get("id").asText());
    }

    // ---- disk restore points ----

    private ArmResponse diskPoint(ArmRequest r, String id, String action) {
        ObjectNode drp = store.get(id);
        if (drp == null) {
            return ArmResponse.notFound(DISK_POINT, id.substring(id.lastIndexOf('/') + 1), "");
        }
        String location = Json.at(store.get(RestorePointRoutesIds.collectionOf(id)), "/location");
        return switch (r.method() + " " + action.toLowerCase(Locale.ROOT)) {
            case "GET " -> ArmResponse.ok(drp.deepCopy());
            case "POST begingetaccess" -> {
                long seconds = r.body() == null ? 0 : r.body().path("durationInSeconds").asLong(0);
                if (seconds <= 0 || !"Read".equalsIgnoreCase(r.body().path("access").asText())) {
                    yield ArmResponse.error(400, "InvalidParameter",
                            "The stand-in grants access 'Read' with durationInSeconds > 0.");
                }
                DiskBlobs.BlobRef ref = store.blob(id);
                activeSas.add(ArmStore.key(id));
                yield lro.accept(r, Kind.DISK, location, null, () -> { }, () -> ArmResponse.JSON.createObjectNode()
                        .put("accessSAS", incremental.sasUrl(blobs.grantRead(ref, Duration.ofSeconds(seconds)))));
            }
            case "POST endgetaccess" -> {
                DiskBlobs.BlobRef ref = store.blob(id);
                yield lro.accept(r, Kind.DISK, location, null, () -> {
                    blobs.revoke(ref);
                    activeSas.remove(ArmStore.key(id));
                }, null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    /** Ids of the parents of a disk restore point. */
    static final class RestorePointRoutesIds {
        private RestorePointRoutesIds() {
        }

        static String collectionOf(String id) {
            int at = id.toLowerCase(Locale.ROOT).indexOf("/restorepoints/");
            return id.substring(0, at);
        }
    }
}
