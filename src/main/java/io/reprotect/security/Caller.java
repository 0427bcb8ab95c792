package io.reprotect.security;

import io.reprotect.job.RequestedBy;
import java.util.Optional;

/**
 * The caller of one request: its role (empty: an Entra principal holding none of the app's roles) and who it is.
 */
public record Caller(Optional<Role> role, RequestedBy who) {

    /** Whether the caller may do what {@code needed} allows. */
    public boolean mayAct(Role needed) {
        return role.map(r -> r.includes(needed)).orElse(false);
    }

    /** The caller's role as a 403 names it: the role, or "none". */
    public String roleName() {
        return role.map(Role::displayName).orElse("none");
    }
}
