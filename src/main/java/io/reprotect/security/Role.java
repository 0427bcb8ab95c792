package io.reprotect.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a caller may do, each role including the ones below it (as Azure Site Recovery's Reader, Operator and
 * Contributor roles do). With Entra ID on, a role is an app role of the API's app registration
 * ({@link #appRoleValue()}); with function keys alone every key holder has one configured role
 * ({@link SecurityConfig#functionKeyRole()}).
 */
public enum Role {
    /** Every GET, the console, every what-if: reads only. */
    READER("Reader"),
    /** Test failover and its cleanup, failover, change recovery point, commit, cancel failover, cancel and resume jobs. */
    OPERATOR("Operator"),
    /** Reprotect, disable protection, recovery plan and policy changes (and later purge of deleted recovery data). */
    ADMINISTRATOR("Administrator");

    /** Prefix of the app role values on the app registration: {@code Reprotect.Reader} and so on. */
    public static final String APP_ROLE_PREFIX = "Reprotect.";

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    /** The role's name as callers read it: Reader, Operator, Administrator. */
    public String displayName() {
        return displayName;
    }

    /** The app role value a token's {@code roles} claim carries for this role. */
    public String appRoleValue() {
        return APP_ROLE_PREFIX + displayName;
    }

    /** Whether a caller with this role may do what {@code needed} allows. */
    public boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    /** The role an app role value names (case-insensitive), if any. */
    public static Optional<Role> ofAppRole(String value) {
        return Arrays.stream(values()).filter(r -> r.appRoleValue().equalsIgnoreCase(value)).findFirst();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
