package io.reprotect.failover;

import io.reprotect.cloud.VmShape;
import io.reprotect.request.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The production VM's shape as a drill VM gets it: no user-assigned identity, no production tag, unless kept by name. */
final class DrillShapes {

    private DrillShapes() {
    }

    /**
     * {@code production} with only the user-assigned identities and tags {@code keep} names (a system-assigned
     * identity is the drill VM's own and is kept); a name the VM does not have is an error in {@code errors}.
     */
    static VmShape keepOnly(VmShape production, DrillKeep keep, List<FieldError> errors) {
        List<String> identityIds = production.identity() == null ? List.of()
                : production.identity().userAssignedIdentityIds();
        for (String name : keep.identities()) {
            if (identityIds.stream().noneMatch(id -> nameOf(id).equalsIgnoreCase(name))) {
                errors.add(new FieldError("keepIdentities", "the VM has no user-assigned identity named '" + name
                        + "'; it has: " + identityIds.stream().map(DrillShapes::nameOf).toList()));
            }
        }
        for (String tag : keep.tags()) {
            if (!production.tags().containsKey(tag)) {
                errors.add(new FieldError("keepTags", "the VM has no tag named '" + tag + "'; it has: "
                        + production.tags().keySet().stream().sorted().toList()));
            }
        }
        List<String> keptIds = identityIds.stream()
                .filter(id -> keep.identities().stream().anyMatch(name -> nameOf(id).equalsIgnoreCase(name))).toList();
        Map<String, String> keptTags = new HashMap<>();
        keep.tags().stream().filter(production.tags()::containsKey).forEach(t -> keptTags.put(t, production.tags().get(t)));
        return new VmShape(production.vmId(), production.name(), production.resourceGroup(), production.region(),
                production.vmSize(), production.zone(), production.availabilitySetId(),
                production.proximityPlacementGroupId(), keptTags, production.osType(), production.licenseType(),
                production.security(), production.plan(), identity(production.identity(), keptIds),
                production.bootDiagnostics(), production.osDisk(), production.dataDisks(), production.nics(),
                production.extensions());
    }

    /** The identity with only {@code keptIds} as user-assigned ones: its type loses UserAssigned when none is kept. */
    private static VmShape.Identity identity(VmShape.Identity identity, List<String> keptIds) {
        if (identity == null || identity.type() == null) {
            return identity;
        }
        boolean system = identity.type().toLowerCase(Locale.ROOT).contains("systemassigned");
        if (!keptIds.isEmpty()) {
            return new VmShape.Identity(system ? "SystemAssigned, UserAssigned" : "UserAssigned", keptIds);
        }
        return system ? new VmShape.Identity("SystemAssigned", List.of()) : null;
    }

    /** The name of a user-assigned identity: the last segment of its ARM id. */
    static String nameOf(String identityId) {
        return identityId.substring(identityId.lastIndexOf('/') + 1);
    }
}
