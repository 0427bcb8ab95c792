package io.reprotect.request;

import com.azure.core.management.Region;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names of the Azure regions, from azure-core-management's {@link Region} list (the SDK keeps it; a new region
 * is known once the SDK release that names it is in the pom), plus the few Azure opened that the pinned SDK
 * does not name yet.
 */
public final class AzureRegions {

    /**
     * The regions the SDK declares ({@code Region.WEST_EUROPE} ...). Not {@link Region#values()}: it grows with
     * every name anything passes to {@link Region#fromName}, which registers whatever it is given.
     */
    private static final Set<String> NAMES = Arrays.stream(Region.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Region.class)
            .map(AzureRegions::nameOf).collect(Collectors.toUnmodifiableSet());

    /**
     * Regions Azure serves that the pinned azure-core-management (1.19.2) does not declare yet; this engine
     * accepted them before it read the SDK's list, so they stay accepted. Drop a name once the SDK declares it
     * ({@code AzureRegionsTest} fails then).
     */
    static final Set<String> NOT_YET_IN_SDK = Set.of("austriaeast", "belgiumcentral", "chilecentral", "jioindiacentral",
            "jioindiawest", "malaysiawest", "swedensouth");

    private AzureRegions() {
    }

    public static boolean isKnown(String name) {
        return name != null && (NAMES.contains(name.toLowerCase(Locale.ROOT))
                || NOT_YET_IN_SDK.contains(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether the SDK's own list declares the region (a test keeps {@link #NOT_YET_IN_SDK} minimal). */
    static boolean declaredBySdk(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static String nameOf(Field constant) {
        try {
            return ((Region) constant.get(null)).name().toLowerCase(Locale.ROOT);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The region's canonical name: lowercase, no spaces ({@code West Europe} becomes {@code westeurope}). */
    public static String normalize(String name) {
        return name.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
