package io.reprotect.cloud.azure;

import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import io.reprotect.request.AzureRegions;
import java.util.Locale;

/** Parsing and building of ARM resource ids for the adapters. */
final class ArmIds {

    private ArmIds() {
    }

    /** Parses {@code id} and checks it names a resource of {@code expectedType} (e.g. Microsoft.Compute/disks). */
    static ResourceId parse(String id, String expectedType) {
        ResourceId parsed;
        try {
            parsed = ResourceId.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an ARM resource id: '" + id + "'", e);
        }
        if (expectedType != null && !parsed.fullResourceType().equalsIgnoreCase(expectedType)) {
            throw new IllegalArgumentException("Expected a " + expectedType + " id, got '" + id + "'");
        }
        return parsed;
    }

    static String resourceId(String subscriptionId, String resourceGroup, String type, String name) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/" + type + "/" + name;
    }

    static String resourceGroupOf(String id) {
        return id == null ? null : ResourceId.fromString(id).resourceGroupName();
    }

    /**
     * A region as ARM names it ({@code westeurope}), whatever form ARM returned: some API versions
     * answer display names ({@code West Europe}). Every region read from ARM goes through this.
     */
    static String region(String value) {
        return value == null ? null : AzureRegions.normalize(value);
    }

    static String lower(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    /** The value's string form (ExpandableStringEnum and enums alike), or null. */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
