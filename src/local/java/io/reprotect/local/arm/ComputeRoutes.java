package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reprotect.local.arm.LongRunningOperations.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Microsoft.Compute: VMs, managed disks, snapshots, availability sets and restore points. */
final class ComputeRoutes {

    static final String NS = "Microsoft.Compute";
    static final String VM = "Microsoft.Compute/virtualMachines";
    static final String DISK = "Microsoft.Compute/disks";
    static final String SNAPSHOT = "Microsoft.Compute/snapshots";
    /** Azure's longest disk or snapshot SAS: 60 days (Azure/azure-cli#29431, a breaking change of 2024). */
    static final long MAX_SAS_SECONDS = 5_184_000L;
    static final String AVSET = "Microsoft.Compute/availabilitySets";
    static final long GIB = 1L << 30;

    private final ArmStore store;
    private final LongRunningOperations lro;
    private final DiskBlobs blobs;
    private final VmStates vms;
    private final IncrementalSnapshots incremental;
    private final VmCreation creation;
    private final DiskImports imports;
    private final NetworkRoutes network;
    private final RestorePointRoutes restorePoints;
    private final VmDeleteOptions deleteOptions;

    ComputeRoutes(ArmStore store, LongRunningOperations lro, DiskBlobs blobs, IncrementalSnapshots incremental,
            NetworkRoutes network, RestorePointLimits restorePointLimits) {
        this.store = store;
        this.lro = lro;
        this.blobs = blobs;
        this.vms = new VmStates(store);
        this.incremental = incremental;
        this.network = network;
        this.creation = new VmCreation(store, lro, vms, network);
        this.imports = new DiskImports(store, lro, blobs);
        this.restorePoints = new RestorePointRoutes(store, lro, blobs, incremental, restorePointLimits);
        this.deleteOptions = new VmDeleteOptions(store, blobs);
    }

    ArmResponse handle(ArmRequest r, ResourcePath p) {
        return switch (p.type().toLowerCase(Locale.ROOT)) {
            case "virtualmachines" -> vm(r, p);
            case "disks", "snapshots" -> diskOrSnapshot(r, p);
            case "availabilitysets" -> availabilitySet(r, p);
            case "restorepointcollections" -> restorePoints.handle(r, p);
            default -> ArmStandIn.unsupported(r);
        };
    }

    // ---- virtual machines ----

    private ArmResponse vm(ArmRequest r, ResourcePath p) {
        ObjectNode vm = store.get(p.id());
        if (vm == null && r.method().equals("PUT") && p.rest().isEmpty()) {
            return creation.create(r, p);
        }
        if (vm == null) {
            return r.method().equals("DELETE") ? ArmResponse.noContent() : ArmResponse.notFound(VM, p.name(), p.resourceGroup());
        }
        String location = vm.get("location").asText();
        String step = p.rest(0).toLowerCase(Locale.ROOT);
        return switch (r.method() + " " + step) {
            case "GET " -> ArmResponse.ok(vms.view(vm, "instanceView".equalsIgnoreCase(r.query().get("$expand"))));
            case "GET instanceview" -> ArmResponse.ok(Json.props(vm).get("instanceView").deepCopy());
            case "PUT " -> update(vm, r.body());
            case "PATCH " -> patchTags(vm, r.body());
            case "PUT extensions" -> putExtension(r, p, vm);
            case "GET extensions" -> {
                ObjectNode list = ArmResponse.JSON.createObjectNode();
                list.set("value", vm.has("resources") ? vm.get("resources").deepCopy() : ArmResponse.JSON.createArrayNode());
                yield ArmResponse.ok(list);
            }
            case "DELETE " -> {
                Json.props(vm).put("provisioningState", "Deleting");
                yield lro.accept(r, Kind.COMPUTE, location, null, () -> {
                    List<String> deletedWith = deleteOptions.deletedWith(vm);
                    vm.at("/properties/networkProfile/networkInterfaces")
                            .forEach(n -> network.attach(n.path("id").asText(), null));
                    vms.delete(vm);
                    deleteOptions.deleteAll(deletedWith);
                }, null);
            }
            case "POST deallocate" -> powerChange(r, vm, "deallocating", "deallocated");
            case "POST poweroff" -> powerChange(r, vm, "stopping", "stopped");
            case "POST start" -> powerChange(r, vm, "starting", "running");
            default -> ArmStandIn.unsupported(r);
        };
    }

    /**
     * PUT {@code .../virtualMachines/{vm}/extensions/{name}}: creates (201) or updates (200) the extension
     * as a long-running operation, as Compute does; the VM's {@code resources} list it.
     */
    private ArmResponse putExtension(ArmRequest r, ResourcePath p, ObjectNode vm) {
        String name = p.rest(1);
        if (name.isEmpty() || r.body() == null) {
            return ArmStandIn.unsupported(r);
        }
        var resources = vm.has("resources") ? (com.fasterxml.jackson.databind.node.ArrayNode) vm.get("resources")
                : vm.putArray("resources");
        ObjectNode ext = null;
        for (JsonNode e : resources) {
            if (e.path("name").asText().equalsIgnoreCase(name)) {
                ext = (ObjectNode) e;
            }
        }
        boolean created = ext == null;
        if (created) {
            ext = resources.addObject().put("id", vm.get("id").asText() + "/extensions/" + name).put("name", name)
                    .put("type", "Microsoft.Compute/virtualMachines/extensions");
        }
        ext.put("location", vm.get("location").asText());
        ObjectNode props = ext.putObject("properties");
        JsonNode in = r.body().path("properties");
        for (String field : List.of("publisher", "type", "typeHandlerVersion", "autoUpgradeMinorVersion", "settings")) {
            if (in.has(field)) {
                props.set(field, in.get(field).deepCopy());
            }
        }
        props.put("provisioningState", "Creating");
        ObjectNode done = ext;
        ArmResponse accepted = lro.accept(r, Kind.COMPUTE, vm.get("location").asText(), null,
                () -> ((ObjectNode) done.get("properties")).put("provisioningState", "Succeeded"), null);
        return new ArmResponse(created ? 201 : 200, accepted.headers(), ext.deepCopy());
    }

    /** A failed power change leaves the VM in the power state it had, as Compute does. */
    private ArmResponse powerChange(ArmRequest r, ObjectNode vm, String during, String after) {
        String before = VmStates.powerState(vm);
        vms.setPowerState(vm, during);
        return lro.accept(r, Kind.COMPUTE, vm.get("location").asText(), null, () -> vms.setPowerState(vm, after), null,
                () -> vms.setPowerState(vm, before));
    }

    /** Holds disk imports in provisioningState Creating (true), or lets them finish (false). */
    void holdDiskImports(boolean value) {
        imports.hold(value);
    }

    /** Sets the delete option of the VM's disk or NIC {@code resourceId}, as the portal's create wizard may. */
    void setDeleteOption(String vmId, String resourceId, String option) {
        ObjectNode vm = store.get(vmId);
        if (vm == null || !VmDeleteOptions.set(vm, resourceId, option)) {
            throw new IllegalArgumentException("VM " + vmId + " has no disk or NIC " + resourceId);
        }
    }

    /** Creates a VM record over existing disks (the stand-in does not create VMs over HTTP). */
    String createVm(String sub, String rg, String name, String region, String osDiskId, List<String> dataDiskIds,
                    String availabilitySetId, JsonNode tags, String powerState) {
        return vms.create(sub, rg, name, region, osDiskId, dataDiskIds, availabilitySetId, tags, powerState);
    }

    // ---- disks and snapshots ----

    private ArmResponse diskOrSnapshot(ArmRequest r, ResourcePath p) {
        String type = p.canonicalType();
        ObjectNode res = store.get(p.id());
        String step = p.rest(0).toLowerCase(Locale.ROOT);
        if (res == null && !(r.method().equals("PUT") && step.isEmpty())) {
            return r.method().equals("DELETE") ? ArmResponse.noContent() : ArmResponse.notFound(type, p.name(), p.resourceGroup());
        }
        return switch (r.method() + " " + step) {
            case "GET " -> ArmResponse.ok(res.deepCopy());
            case "PUT " -> res != null ? updateOrRetry(r, res)
                    : type.equals(DISK) ? createDiskFromRequest(r, p) : createSnapshot(r, p);
            case "DELETE " -> deleteDiskOrSnapshot(r, res);
            case "POST begingetaccess" -> grantAccess(r, res);
            case "POST endgetaccess" -> {
                String location = res.get("location").asText();
                DiskBlobs.BlobRef ref = store.blob(res.get("id").asText());
                yield lro.accept(r, Kind.DISK, location, null, () -> {
                    blobs.revoke(ref);
                    Json.props(res).put("diskState", vms.restingDiskState(res));
                }, null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    /** A PUT over a disk or snapshot whose creation failed runs the creation again, as Compute does. */
    private ArmResponse updateOrRetry(ArmRequest r, ObjectNode existing) {
        if (!"Failed".equals(Json.at(existing, "/properties/provisioningState"))) {
            return update(existing, r.body());
        }
        Json.updateTags(existing, r.body());
        Json.props(existing).put("provisioningState", "Updating");
        return lro.accept(r, Kind.DISK, existing.get("location").asText(), existing.deepCopy(),
                () -> Json.props(existing).put("provisioningState", "Succeeded"), null, failed(existing));
    }

    private static Runnable failed(ObjectNode resource) {
        return () -> Json.props(resource).put("provisioningState", "Failed");
    }

    /**
     * PATCH of a VM ({@code VirtualMachineUpdate}): the stand-in applies its {@code tags}, which replace the VM's
     * tags as a whole (ARM's PATCH semantics for the tags property), and the disks' and NICs' {@code deleteOption}
     * it names ({@link VmDeleteOptions#patch}), and answers 200 with the VM.
     */
    private ArmResponse patchTags(ObjectNode vm, JsonNode body) {
        if (body == null) {
            return ArmResponse.ok(vms.view(vm, false));
        }
        VmDeleteOptions.patch(vm, body);
        if (!body.has("tags")) {
            return ArmResponse.ok(vms.view(vm, false));
        }
        vm.set("tags", body.get("tags").deepCopy());
        return ArmResponse.ok(vms.view(vm, false));
    }

    private static ArmResponse update(ObjectNode existing, JsonNode body) {
        Json.updateTags(existing, body);
        return ArmResponse.ok(existing.deepCopy());
    }

    private ArmResponse createDiskFromRequest(ArmRequest r, ResourcePath p) {
        JsonNode body = r.body();
        String region = Json.normaliseRegion(Json.at(body, "/location"));
        String option = String.valueOf(Json.at(body, "/properties/creationData/createOption"));
        String sizeGb = Json.at(body, "/properties/diskSizeGB");
        if (blobs.accountFor(region) == null) {
            return noAccount(region);
        }
        if (option.equalsIgnoreCase("Import")) {
            return imports.create(r, p, region);
        }
        if (!option.equalsIgnoreCase("Empty") || sizeGb == null) {
            return ArmResponse.error(400, "InvalidParameter", "The stand-in creates disks with createOption Empty "
                    + "and diskSizeGB, or Import, only (got createOption " + option + ")");
        }
        String sku = Json.at(body, "/sku/name");
        String id = createDisk(p.subscriptionId(), p.resourceGroup(), p.name(), region, Integer.parseInt(sizeGb),
                sku == null ? "Standard_LRS" : sku, body.get("tags"));
        ObjectNode disk = store.get(id);
        Json.props(disk).put("provisioningState", "Updating");
        return lro.accept(r, Kind.DISK, region, disk.deepCopy(), () -> Json.props(disk).put("provisioningState", "Succeeded"),
                null, failed(disk));
    }

    /** Creates an empty, unattached disk backed by a page blob of exactly its size. */
    String createDisk(String sub, String rg, String name, String region, int sizeGb, String sku, JsonNode tags) {
        String id = ResourcePath.id(sub, rg, DISK, name);
        ObjectNode disk = Json.resource(id, name, DISK, region, tags);
        disk.putObject("sku").put("name", sku).put("tier", sku.startsWith("Premium") ? "Premium" : "Standard");
        ObjectNode props = Json.props(disk);
        props.putObject("creationData").put("createOption", "Empty");
        props.put("diskSizeGB", sizeGb).put("diskSizeBytes", sizeGb * GIB).put("uniqueId", UUID.randomUUID().toString())
                .put("provisioningState", "Succeeded").put("diskState", "Unattached");
        store.putBlob(id, blobs.createEmpty(region, blobName("disks", rg, name), sizeGb * GIB));
        store.put(disk);
        return id;
    }

    private ArmResponse createSnapshot(ArmRequest r, ResourcePath p) {
        JsonNode body = r.body();
        String region = Json.normaliseRegion(Json.at(body, "/location"));
        String sourceId = Json.at(body, "/properties/creationData/sourceResourceId");
        ObjectNode source = sourceId == null ? null : store.get(sourceId);
        if (source == null || !source.get("type").asText().equalsIgnoreCase(DISK)) {
            return ArmResponse.error(404, "NotFound", "Resource " + sourceId + " is not found.");
        }
        if (!source.get("location").asText().equals(region)) {
            return ArmResponse.error(400, "InvalidParameter", "Snapshot " + p.name() + " must be in the region of its "
                    + "source disk (" + source.get("location").asText() + "), not " + region);
        }
        boolean incremental = body.at("/properties/incremental").asBoolean(false);
        ArmResponse refusal = incremental ? this.incremental.refusal(source.get("id").asText()) : null;
        if (refusal != null) {
            return refusal;
        }
        DiskBlobs.BlobRef ref = blobs.snapshot(store.blob(sourceId), blobName("snapshots", p.resourceGroup(), p.name()), incremental);
        // Azure's timeCreated is the capture instant: the moment the disk's bytes were frozen, not when the PUT
        // finished or was read back (on the clock the tests move, as the snapshot limits are)
        java.time.Instant captured = this.incremental.now();
        ObjectNode snap = Json.resource(p.id(), p.name(), SNAPSHOT, region, body.get("tags"));
        // Azure keeps the SKU asked for; without one, an incremental snapshot is zone-redundant where the region has
        // zones (every demo region has), a full one locally redundant
        String sku = Json.at(body, "/sku/name");
        snap.putObject("sku").put("name", sku != null ? sku : incremental ? "Standard_ZRS" : "Standard_LRS")
                .put("tier", "Standard");
        ObjectNode props = Json.props(snap);
        props.putObject("creationData").put("createOption", "Copy").put("sourceResourceId", source.get("id").asText())
                .put("sourceUniqueId", Json.at(source, "/properties/uniqueId"));
        props.put("diskSizeGB", Json.props(source).get("diskSizeGB").asInt())
                .put("diskSizeBytes", Json.props(source).get("diskSizeBytes").asLong())
                .put("incremental", incremental).put("uniqueId", UUID.randomUUID().toString())
                .put("diskState", "Unattached").put("provisioningState", "Creating")
                .put("timeCreated", captured.toString());
        if (incremental) {
            this.incremental.taken(snap, source);
        }
        store.putBlob(p.id(), ref);
        store.put(snap);
        return lro.accept(r, Kind.DISK, region, snap.deepCopy(), () -> props.put("provisioningState", "Succeeded"), null,
                failed(snap));
    }

    private ArmResponse deleteDiskOrSnapshot(ArmRequest r, ObjectNode res) {
        String state = Json.at(res, "/properties/diskState");
        if ("ActiveSAS".equals(state) || res.hasNonNull("managedBy")) {
            return ArmResponse.error(409, "OperationNotAllowed", res.get("name").asText() + " is " + state
                    + (res.hasNonNull("managedBy") ? " by " + res.get("managedBy").asText() : "")
                    + "; detach it or revoke its access first.");
        }
        String id = res.get("id").asText();
        DiskBlobs.BlobRef ref = store.blob(id);
        return lro.accept(r, Kind.DISK, res.get("location").asText(), null, () -> {
            store.remove(id);
            blobs.delete(ref);
        }, null);
    }

    private ArmResponse grantAccess(ArmRequest r, ObjectNode res) {
        if ("Attached".equals(Json.at(res, "/properties/diskState"))) {
            return ArmResponse.error(409, "OperationNotAllowed", "Cannot grant access to disk " + res.get("name").asText()
                    + ": it is attached to running VM " + res.get("managedBy").asText() + ". Deallocate the VM first.");
        }
        long seconds = r.body() == null ? 0 : r.body().path("durationInSeconds").asLong(0);
        if (seconds <= 0 || !"Read".equalsIgnoreCase(r.body().path("access").asText())) {
            return ArmResponse.error(400, "InvalidParameter", "The stand-in grants access 'Read' with durationInSeconds > 0.");
        }
        if (seconds > MAX_SAS_SECONDS) { // Azure refuses a disk or snapshot SAS longer than 60 days (since 2024)
            return ArmResponse.error(400, "InvalidParameter", "durationInSeconds " + seconds + " exceeds the maximum "
                    + MAX_SAS_SECONDS + " (60 days) for a disk or snapshot SAS.");
        }
        DiskBlobs.BlobRef ref = store.blob(res.get("id").asText());
        Json.props(res).put("diskState", "ActiveSAS");
        boolean diffable = IncrementalSnapshots.isIncremental(res);
        return lro.accept(r, Kind.DISK, res.get("location").asText(), null, () -> { }, () -> {
            String sas = blobs.grantRead(ref, Duration.ofSeconds(seconds));
            return ArmResponse.JSON.createObjectNode().put("accessSAS", diffable ? incremental.sasUrl(sas) : sas);
        });
    }

    // ---- availability sets ----

    private ArmResponse availabilitySet(ArmRequest r, ResourcePath p) {
        ObjectNode set = store.get(p.id());
        if (set == null && !r.method().equals("PUT")) {
            return r.method().equals("DELETE") ? ArmResponse.noContent() : ArmResponse.notFound(AVSET, p.name(), p.resourceGroup());
        }
        return switch (r.method()) {
            case "GET" -> ArmResponse.ok(set.deepCopy());
            case "PUT" -> set != null ? update(set, r.body()) : ArmResponse.ok(store.get(createAvailabilitySet(
                    p.subscriptionId(), p.resourceGroup(), p.name(), Json.at(r.body(), "/location"),
                    r.body().path("properties").path("platformFaultDomainCount").asInt(2),
                    r.body().path("properties").path("platformUpdateDomainCount").asInt(5),
                    r.body().path("sku").path("name").asText("Classic"), r.body().get("tags"))).deepCopy());
            case "DELETE" -> {
                if (!set.at("/properties/virtualMachines").isEmpty()) {
                    yield ArmResponse.error(409, "OperationNotAllowed", "Availability set " + p.name() + " still has VMs.");
                }
                store.remove(p.id());
                yield ArmResponse.ok(null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    String createAvailabilitySet(String sub, String rg, String name, String region, int faultDomains, int updateDomains,
                                 String sku, JsonNode tags) {
        String id = ResourcePath.id(sub, rg, AVSET, name);
        ObjectNode set = Json.resource(id, name, AVSET, region, tags);
        set.putObject("sku").put("name", sku);
        ObjectNode props = Json.props(set);
        props.remove("timeCreated");
        props.put("platformFaultDomainCount", faultDomains).put("platformUpdateDomainCount", updateDomains);
        props.putArray("virtualMachines");
        store.put(set);
        return id;
    }

    private static String blobName(String kind, String rg, String name) {
        return (kind + "/" + rg + "/" + name).toLowerCase(Locale.ROOT);
    }

    private static ArmResponse noAccount(String region) {
        return ArmResponse.error(400, "LocationNotAvailableForResourceType", "The stand-in has no Azurite account for "
                + "region '" + region + "'; configure ArmStandIn.Options.regionAccounts.");
    }
}
