package io.reprotect.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Azure Resource Manager resource id, parsed and checked for its resource type.
 *
 * <p>Forms accepted: {@code /subscriptions/{guid}/resourceGroups/{group}} and
 * {@code /subscriptions/{guid}/resourceGroups/{group}/providers/{Namespace}/{type}/{name}}.
 *
 * @param subscriptionId subscription GUID
 * @param resourceGroup resource group name
 * @param type {@code Microsoft.Resources/resourceGroups} or e.g. {@code Microsoft.Compute/virtualMachines}
 * @param name the resource's name (the group's own name for a resource group)
 */
public record ResourceId(String subscriptionId, String resourceGroup, String type, String name) {

    public static final String RESOURCE_GROUP = "Microsoft.Resources/resourceGroups";
    public static final String VIRTUAL_MACHINE = "Microsoft.Compute/virtualMachines";
    public static final String STORAGE_ACCOUNT = "Microsoft.Storage/storageAccounts";
    public static final String AVAILABILITY_SET = "Microsoft.Compute/availabilitySets";

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Resource group names: 1-90 letters, digits, '_', '-', '.', '(' and ')', not ending in '.'. */
    private static final Pattern GROUP_NAME = Pattern.compile("[\\w\\-.()]{0,89}[\\w\\-()]");
    /** Virtual machine names: 1-64 letters, digits, '-', '_' and '.', starting with a letter or digit. */
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    /** Storage account names: 3-24 lowercase letters and digits. */
    private static final Pattern STORAGE_NAME = Pattern.compile("[a-z0-9]{3,24}");
    /** Availability set names: 1-80 letters, digits, '-', '_' and '.'. */
    private static final Pattern AVSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,79}");

    /**
     * Parses {@code value} (with the SDK's parser, azure-resourcemanager's {@code ResourceId}) and requires it to
     * name a resource of {@code expectedType}.
     *
     * @throws IllegalArgumentException with a reason fit to show the caller
     */
    public static ResourceId parse(String value, String expectedType) {
        Parsed p = parsed(value).orElseThrow(() -> new IllegalArgumentException("must be an Azure resource id of type "
                + expectedType + ", like " + example(expectedType)));
        if (!GUID.matcher(p.subscriptionId()).matches()) {
            throw new IllegalArgumentException("subscription id '" + p.subscriptionId() + "' is not a GUID");
        }
        String group = p.resourceGroup();
        if (!GROUP_NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("resource group name '" + group + "' is not valid (1-90 letters, "
                    + "digits, '_', '-', '.', '(' or ')', not ending in '.')");
        }
        if (!p.type().equalsIgnoreCase(expectedType)) {
            throw new IllegalArgumentException("must be a resource of type " + expectedType + ", not " + p.type());
        }
        Pattern namePattern = namePattern(expectedType);
        if (namePattern != null && !namePattern.matcher(p.name()).matches()) {
            throw new IllegalArgumentException("name '" + p.name() + "' is not a valid " + expectedType + " name");
        }
        return new ResourceId(p.subscriptionId().toLowerCase(Locale.ROOT), group, expectedType, p.name());
    }

    /** What the SDK's parser read: a resource group, or a top-level resource in one (child resources are not ids here). */
    private record Parsed(String subscriptionId, String resourceGroup, String type, String name) {
    }

    private static java.util.Optional<Parsed> parsed(String value) {
        com.azure.resourcemanager.resources.fluentcore.arm.ResourceId id;
        try {
            id = com.azure.resourcemanager.resources.fluentcore.arm.ResourceId.fromString(value);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        if (id == null || id.subscriptionId() == null || id.resourceGroupName() == null || id.parent() != null) {
            return java.util.Optional.empty();
        }
        boolean group = id.providerNamespace() == null;
        return java.util.Optional.of(new Parsed(id.subscriptionId(), id.resourceGroupName(),
                group ? RESOURCE_GROUP : id.fullResourceType(), id.name()));
    }

    /**
     * True when {@code a} and {@code b} name the same resource. ARM ids are case-insensitive, and
     * Compute returns them in other cases than they were created with (attached-disk and VM ids with
     * the resource group upper-cased, availability sets wholly upper-cased): never compare them with equals.
     */
    public static boolean same(String a, String b) {
        return a == null ? b == null : b != null && trimSlash(a).equalsIgnoreCase(trimSlash(b));
    }

    /**
     * {@code name} as the caller spelled it: the first of {@code callerSpellings} equal to it ignoring
     * case, else {@code name} itself. For names read back from ARM (e.g. an upper-cased resource group)
     * that are used to create something, so that what we create keeps the caller's casing.
     */
    public static String callerCasing(String name, String... callerSpellings) {
        for (String spelling : callerSpellings) {
            if (spelling != null && spelling.equalsIgnoreCase(name)) {
                return spelling;
            }
        }
        return name;
    }

    private static String trimSlash(String id) {
        return id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    }

    /** Parses an id of any of the supported forms; the type is read from the id itself. */
    @JsonCreator
    public static ResourceId parse(String value) {
        Parsed p = parsed(value).orElseThrow(() -> new IllegalArgumentException("'" + value
                + "' is not an Azure resource id"));
        return parse(value, p.type());
    }

    public static ResourceId resourceGroup(String subscriptionId, String group) {
        return new ResourceId(subscriptionId, group, RESOURCE_GROUP, group);
    }

    /** The canonical id string. */
    @JsonValue
    public String id() {
        String groupId = "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup;
        return RESOURCE_GROUP.equals(type) ? groupId : groupId + "/providers/" + type + "/" + name;
    }

    /** A key that is equal for ids that ARM treats as equal (ids are case-insensitive). */
    public String key() {
        return id().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    private static Pattern namePattern(String type) {
        return switch (type) {
            case VIRTUAL_MACHINE -> VM_NAME;
            case STORAGE_ACCOUNT -> STORAGE_NAME;
            case AVAILABILITY_SET -> AVSET_NAME;
            default -> null;
        };
    }

    private static String example(String type) {
        String group = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg";
        return RESOURCE_GROUP.equals(type) ? group : group + "/providers/" + type + "/my-name";
    }
}
