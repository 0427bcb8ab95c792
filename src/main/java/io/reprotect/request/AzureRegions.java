package io.reprotect.request;

import java.util.Locale;
import java.util.Set;

/** Names of the Azure public-cloud regions, as {@code az account list-locations} prints them. */
public final class AzureRegions {

    private static final Set<String> NAMES = Set.of(
            "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
            "belgiumcentral", "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia",
            "centralus", "chilecentral", "eastasia", "eastus", "eastus2", "francecentral", "francesouth",
            "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
            "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth",
            "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope", "norwayeast",
            "norwaywest", "polandcentral", "qatarcentral", "southafricanorth", "southafricawest",
            "southcentralus", "southindia", "southeastasia", "spaincentral", "swedencentral", "swedensouth",
            "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest",
            "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3");

    private AzureRegions() {
    }

    public static boolean isKnown(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The region's canonical name: lowercase, no spaces ({@code West Europe} becomes {@code westeurope}). */
    public static String normalize(String name) {
        return name.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
