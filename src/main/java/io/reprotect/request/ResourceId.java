package io.reprotect.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
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

    private static final Pattern SHAPE = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)(?:/providers/([^/]+)/([^/]+)/([^/]+))?",
            Pattern.CASE_INSENSITIVE);
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
     * Parses {@code value} and requires it to name a resource of {@code expectedType}.
     *
     * @throws IllegalArgumentException with a reason fit to show the caller
     */
    public static ResourceId parse(String value, String expectedType) {
        Matcher m = SHAPE.matcher(value == null ? "" : value);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be an Azure resource id of type " + expectedType + ", like "
                    + example(expectedType));
        }
        if (!GUID.matcher(m.group(1)).matches()) {
            throw new IllegalArgumentException("subscription id '" + m.group(1) + "' is not a GUID");
        }
        String group = m.group(2);
        if (!GROUP_NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("resource group name '" + group + "' is not valid (1-90 letters, "
                    + "digits, '_', '-', '.', '(' or ')', not ending in '.')");
        }
        String type = m.group(3) == null ? RESOURCE_GROUP : m.group(3) + "/" + m.group(4);
        if (!type.equalsIgnoreCase(expectedType)) {
            throw new IllegalArgumentException("must be a resource of type " + expectedType + ", not " + type);
        }
        String name = m.group(3) == null ? group : m.group(5);
        Pattern namePattern = namePattern(expectedType);
        if (namePattern != null && !namePattern.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "' is not a valid " + expectedType + " name");
        }
        return new ResourceId(m.group(1).toLowerCase(Locale.ROOT), group, expectedType, name);
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
        Matcher m = SHAPE.matcher(value == null ? "" : value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an Azure resource id");
        }
        return parse(value, m.group(3) == null ? RESOURCE_GROUP : m.group(3) + "/" + m.group(4));
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
