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
 * is known once the SDK release that names it is in the pom).
 */
public final class AzureRegions {

    /**
     * The regions the SDK declares ({@code Region.WEST_EUROPE} ...). Not {@link Region#values()}: it grows with
     * every name anything passes to {@link Region#fromName}, which registers whatever it is given.
     */
    private static final Set<String> NAMES = Arrays.stream(Region.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Region.class)
            .map(AzureRegions::nameOf).collect(Collectors.toUnmodifiableSet());

    private AzureRegions() {
    }

    public static boolean isKnown(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
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
