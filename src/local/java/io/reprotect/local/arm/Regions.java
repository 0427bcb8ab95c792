package io.reprotect.local.arm;

import java.util.Map;

/**
 * Region names as ARM writes them in different places: {@code westeurope} (the name), {@code West Europe}
 * (the display name, which some API versions return as a resource's location) and {@code WestEurope}
 * (the casing Compute puts in its VM operation URLs, e.g. {@code locations/WestUS3/operations/...}).
 */
final class Regions {

    /** Display names of the regions the stand-in is usually given; others are displayed as their name. */
    private static final Map<String, String> DISPLAY_NAMES = Map.ofEntries(
            Map.entry("westeurope", "West Europe"), Map.entry("northeurope", "North Europe"),
            Map.entry("eastus", "East US"), Map.entry("eastus2", "East US 2"), Map.entry("westus", "West US"),
            Map.entry("westus2", "West US 2"), Map.entry("westus3", "West US 3"),
            Map.entry("centralus", "Central US"), Map.entry("westcentralus", "West Central US"),
            Map.entry("uksouth", "UK South"), Map.entry("ukwest", "UK West"),
            Map.entry("francecentral", "France Central"), Map.entry("germanywestcentral", "Germany West Central"),
            Map.entry("swedencentral", "Sweden Central"), Map.entry("southeastasia", "Southeast Asia"),
            Map.entry("eastasia", "East Asia"), Map.entry("japaneast", "Japan East"),
            Map.entry("australiaeast", "Australia East"));

    private Regions() {
    }

    static String displayName(String region) {
        String name = Json.normaliseRegion(region);
        return DISPLAY_NAMES.getOrDefault(name, name);
    }

    /** {@code westus3} is {@code WestUS3}: the display name without spaces. */
    static String pascalCase(String region) {
        return displayName(region).replace(" ", "");
    }
}
